using System.Data.Common;

namespace FlashSale.Silo.Faults;

/// <summary>A storage write failed on purpose (FlashSale:Faults:StorageWrites): a database error, as a driver would raise one.</summary>
public sealed class InjectedStorageFaultException : DbException
{
    public InjectedStorageFaultException()
    {
    }

    public InjectedStorageFaultException(string message) : base(message)
    {
    }

    public InjectedStorageFaultException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
