-- Changes a silo's status and suspicions only when the table version is still @Version and the silo
-- exists; bumps the version in the same statement. Alive time never moves backwards.
WITH bumped AS (
    UPDATE OrleansMembershipVersionTable
    SET Version = Version + 1, Timestamp = now()
    WHERE DeploymentId = @DeploymentId
      AND Version = @Version
      AND Version < 2147483647
      AND EXISTS (SELECT 1 FROM OrleansMembershipTable
                  WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation)
    RETURNING DeploymentId
), changed AS (
    UPDATE OrleansMembershipTable AS member
    SET Status = @Status,
        SuspectTimes = @SuspectTimes,
        IAmAliveTime = GREATEST(member.IAmAliveTime, @IAmAliveTime)
    FROM bumped
    WHERE member.DeploymentId = bumped.DeploymentId
      AND member.Address = @Address AND member.Port = @Port AND member.Generation = @Generation
    RETURNING 1
)
SELECT count(*)::integer FROM changed;
