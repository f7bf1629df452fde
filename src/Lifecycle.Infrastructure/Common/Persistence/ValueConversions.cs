using Lifecycle.Domain.Common;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Lifecycle.Infrastructure.Common.Persistence;

/// <summary>How value objects and enums are stored: ids as their Guid, enums by their wire name.</summary>
internal static class ValueConversions
{
    public static ValueConverter<Domain.Lifecycle.UserId, Guid> UserId { get; } = new(id => id.Value, value => new Domain.Lifecycle.UserId(value));

    public static ValueConverter<TEnum, string> Wire<TEnum>(WireNames<TEnum> names)
        where TEnum : struct, Enum =>
        new(value => names.Name(value), name => names.Parse(name));
}
