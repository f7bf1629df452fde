using Lifecycle.Domain.Common;

namespace Lifecycle.Domain.Lifecycle;

/// <summary>Signals the product backend sends about a user (<c>POST /api/users/{id}/events</c>).</summary>
public enum ProductEvent
{
    Login,
    KeyAction,
    Usage,
    UsageDrop,
    BillingFlag,
}

public static class ProductEventNames
{
    public static WireNames<ProductEvent> Wire { get; } = new(new Dictionary<ProductEvent, string>
    {
        [ProductEvent.Login] = "login",
        [ProductEvent.KeyAction] = "key_action",
        [ProductEvent.Usage] = "usage",
        [ProductEvent.UsageDrop] = "usage_drop",
        [ProductEvent.BillingFlag] = "billing_flag",
    });

    public static string Name(this ProductEvent productEvent) => Wire.Name(productEvent);

    /// <summary>Events that show the user is using the product, as opposed to signals of decline.</summary>
    public static bool IsActivity(this ProductEvent productEvent) =>
        productEvent is ProductEvent.Login or ProductEvent.KeyAction or ProductEvent.Usage;
}
