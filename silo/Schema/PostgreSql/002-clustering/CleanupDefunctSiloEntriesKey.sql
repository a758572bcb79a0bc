-- Forget silos that are dead (status 6) and have not been heard of since the cutoff.
DELETE FROM OrleansMembershipTable
WHERE DeploymentId = @DeploymentId AND Status = 6 AND IAmAliveTime < @IAmAliveTime;
