using System.Collections.Frozen;
using System.Text.Json;

namespace Lifecycle.Application.Common.Messaging;

/// <summary>
/// The stable names under which outbox messages and timer commands are stored. A stored row names its type by
/// the class name, so renaming a message class is a breaking change for rows still in flight.
/// </summary>
public static class DurableMessageTypes
{
    private static readonly FrozenDictionary<string, Type> ByName = typeof(DurableMessageTypes).Assembly
        .GetTypes()
        .Where(type => type is { IsAbstract: false, IsInterface: false }
            && (typeof(IOutboxMessage).IsAssignableFrom(type) || typeof(ITimerCommand).IsAssignableFrom(type)))
        .ToFrozenDictionary(type => type.Name);

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);

    public static string NameOf(object message) =>
        ByName.ContainsKey(message.GetType().Name)
            ? message.GetType().Name
            : throw new InvalidOperationException($"{message.GetType()} is not an outbox message or timer command.");

    public static string Serialize(object message) => JsonSerializer.Serialize(message, message.GetType(), Json);

    public static object Deserialize(string name, string payload) =>
        ByName.TryGetValue(name, out var type)
            ? JsonSerializer.Deserialize(payload, type, Json) ?? throw new InvalidOperationException($"Empty {name} payload.")
            : throw new InvalidOperationException($"Unknown durable message type '{name}'.");
}
