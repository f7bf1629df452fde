using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Exotel.Sandbox.Scenarios;

/// <summary>A scenario file or a rule posted to <c>/sandbox/scenarios</c> that cannot be used, and why.</summary>
public sealed class ScenarioException(string message) : Exception(message);

/// <summary>Reads scenario JSON (<c>{"rules":[…]}</c>, a bare array or one rule) and checks each rule.</summary>
internal static class ScenarioValidation
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    public static IReadOnlyList<ScenarioRule> Parse(string json)
    {
        try
        {
            var node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            var rules = node switch
            {
                JsonArray array => array,
                JsonObject obj when obj["rules"] is JsonArray array => array,
                JsonObject obj => new JsonArray(obj.DeepClone()),
                _ => throw new ScenarioException("expected {\"rules\":[…]}, an array of rules or one rule"),
            };
            return rules.Select((rule, index) => Deserialize(rule, index)).ToList();
        }
        catch (JsonException exception)
        {
            throw new ScenarioException($"not valid scenario JSON: {exception.Message}");
        }
    }

    public static IReadOnlyList<ScenarioRule> Load(string path) =>
        File.Exists(path) ? Parse(File.ReadAllText(path)) : throw new ScenarioException($"scenario file '{path}' does not exist");

    /// <summary>Canonical product and outcome spellings; throws when the rule cannot be applied.</summary>
    public static ScenarioRule Check(ScenarioRule rule)
    {
        var product = Products.Canonical(rule.Product)
            ?? throw new ScenarioException($"unknown product '{rule.Product}' (use {string.Join(", ", Products.All)} or *)");
        var outcome = CanonicalOutcome(product, rule.Outcome?.Trim().ToLowerInvariant());
        if (outcome is not null)
        {
            var allowed = Products.OutcomesOf(product)
                ?? throw new ScenarioException("a rule for every product (*) cannot choose an outcome; name the product");
            if (!allowed.Contains(outcome))
            {
                throw new ScenarioException($"unknown {product} outcome '{rule.Outcome}' (use {string.Join(", ", allowed)})");
            }
        }

        if (product == Products.WhatsApp && rule.StatusCode is { } code && code is < 30001 or > 30041)
        {
            throw new ScenarioException($"WhatsApp statusCode {code} is outside 30001–30041");
        }

        if (rule.Score is { } score && score is < 0 or > 100)
        {
            throw new ScenarioException($"score {score} is outside 0–100");
        }

        if (rule.HttpStatus is { } status && status is < 100 or > 599)
        {
            throw new ScenarioException($"httpStatus {status} is not an HTTP status");
        }

        if (rule.RetryAfter is < 0)
        {
            throw new ScenarioException("retryAfter cannot be negative");
        }

        if (rule.Times is < 1)
        {
            throw new ScenarioException("times must be at least 1 (leave it out for every request)");
        }

        if (rule.Delay < TimeSpan.Zero || rule.Latency < TimeSpan.Zero)
        {
            throw new ScenarioException("delay and latency cannot be negative");
        }

        if (rule.Passthru is { } passthru
            && (product is not (Products.Calls or Products.Voicebot) || !Uri.TryCreate(passthru, UriKind.Absolute, out _)))
        {
            throw new ScenarioException("passthru is an absolute URL, for calls and voicebot rules only");
        }

        var phone = rule.To ?? rule.Number ?? rule.Phone;
        return rule with
        {
            Product = product,
            Outcome = outcome,
            Phone = string.IsNullOrWhiteSpace(phone) ? "*" : phone.Trim(),
            To = null,
            Number = null,
        };
    }

    private static string? CanonicalOutcome(string product, string? outcome) => (product, outcome) switch
    {
        (_, null or "") => null,
        (Products.Calls or Products.Voicebot, "no_answer" or "noanswer") => product == Products.Calls ? "no-answer" : "unanswered",
        (Products.Voicebot, "no-answer") => "unanswered",
        (Products.WhatsApp, "read") => "seen",
        (Products.Cqa, "analysis_failed") => "failed",
        _ => outcome,
    };

    private static ScenarioRule Deserialize(JsonNode? node, int index)
    {
        try
        {
            return node.Deserialize<ScenarioRule>(Json) ?? throw new ScenarioException($"rule {index} is null");
        }
        catch (JsonException exception)
        {
            throw new ScenarioException($"rule {index}: {exception.Message}");
        }
    }
}
