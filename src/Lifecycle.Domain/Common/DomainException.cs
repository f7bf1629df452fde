namespace Lifecycle.Domain.Common;

/// <summary>A rule of the domain was broken; the caller asked for something the model refuses.</summary>
public abstract class DomainException(string message) : Exception(message);
