using System.Text.Json;
using Lifecycle.Domain.Common;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Lifecycle.Infrastructure.Common.Persistence;

/// <summary>How value objects and enums are stored: ids as their Guid, enums by their wire name.</summary>
internal static class ValueConversions
{
    public static ValueConverter<Domain.Lifecycle.UserId, Guid> UserId { get; } = new(id => id.Value, value => new Domain.Lifecycle.UserId(value));

    /// <summary>A string map as a JSON object (message variables).</summary>
    public static ValueConverter<IReadOnlyDictionary<string, string>, string> StringMap { get; } = new(
        map => JsonSerializer.Serialize(map, JsonSerializerOptions.Default),
        json => JsonSerializer.Deserialize<Dictionary<string, string>>(json, JsonSerializerOptions.Default) ?? new Dictionary<string, string>());

    public static ValueComparer<IReadOnlyDictionary<string, string>> StringMapComparer { get; } = new(
        (left, right) => left!.Count == right!.Count && left.All(pair => right.Contains(pair)),
        map => map.Aggregate(0, (hash, pair) => HashCode.Combine(hash, pair.Key, pair.Value)),
        map => map.ToDictionary(pair => pair.Key, pair => pair.Value));

    /// <summary>A small immutable value as one JSON column (a chat's context); compared by its JSON.</summary>
    public static ValueConverter<T?, string> Json<T>()
        where T : class =>
        new(value => JsonSerializer.Serialize(value, JsonSerializerOptions.Default), json => JsonSerializer.Deserialize<T>(json, JsonSerializerOptions.Default));

    public static ValueComparer<T?> JsonComparer<T>()
        where T : class =>
        new(
            (left, right) => JsonSerializer.Serialize(left, JsonSerializerOptions.Default) == JsonSerializer.Serialize(right, JsonSerializerOptions.Default),
            value => JsonSerializer.Serialize(value, JsonSerializerOptions.Default).GetHashCode(StringComparison.Ordinal),
            value => value);

    /// <summary>A list of small immutable values as one JSON array column (KPI results); compared item by item.</summary>
    public static ValueConverter<IReadOnlyList<T>, string> JsonList<T>() =>
        new(list => JsonSerializer.Serialize(list, JsonSerializerOptions.Default), json => JsonSerializer.Deserialize<List<T>>(json, JsonSerializerOptions.Default) ?? new List<T>());

    public static ValueComparer<IReadOnlyList<T>> JsonListComparer<T>() =>
        new(
            (left, right) => left!.SequenceEqual(right!),
            list => list.Aggregate(0, (hash, item) => HashCode.Combine(hash, item)),
            list => list.ToList());

    public static ValueConverter<TEnum, string> Wire<TEnum>(WireNames<TEnum> names)
        where TEnum : struct, Enum =>
        new(value => names.Name(value), name => names.Parse(name));
}
