namespace Lifecycle.Domain.Common;

/// <summary>A two-way map between an enum and the names it has on the wire and in the store.</summary>
public sealed class WireNames<TEnum>
    where TEnum : struct, Enum
{
    private readonly IReadOnlyDictionary<TEnum, string> names;
    private readonly Dictionary<string, TEnum> values;

    public WireNames(IReadOnlyDictionary<TEnum, string> names)
    {
        this.names = names;
        values = names.ToDictionary(pair => pair.Value, pair => pair.Key, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyCollection<string> All => [.. names.Values];

    public string Name(TEnum value) => names[value];

    public bool TryParse(string? name, out TEnum value) => values.TryGetValue(name ?? string.Empty, out value);

    public TEnum Parse(string name) =>
        TryParse(name, out var value) ? value : throw new FormatException($"Unknown {typeof(TEnum).Name} '{name}'.");
}
