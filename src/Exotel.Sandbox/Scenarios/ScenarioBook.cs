using System.Text.RegularExpressions;
using Exotel.Sandbox.State;

namespace Exotel.Sandbox.Scenarios;

/// <summary>
/// The scenario rules in force: the ones added at run time (the latest first) before the ones of the scenario
/// file. For a request, the first matching rule that chooses an outcome decides the outcome, and the first matching
/// rule with a fault still to inject (httpStatus/latency, <c>times</c> not used up) decides how the API answers.
/// </summary>
public sealed class ScenarioBook
{
    private readonly Lock gate = new();
    private readonly List<ActiveRule> fileRules = [];
    private readonly List<ActiveRule> addedRules = [];

    /// <summary>The rules in the order they are tried.</summary>
    public IReadOnlyList<ScenarioRule> Rules
    {
        get
        {
            lock (gate)
            {
                return addedRules.Concat(fileRules).Select(rule => rule.Rule).ToList();
            }
        }
    }

    /// <summary>Adds rules that take precedence over every rule already there (among themselves, first wins).</summary>
    /// <exception cref="ScenarioException">A rule names an unknown product or outcome.</exception>
    public void Add(IEnumerable<ScenarioRule> rules)
    {
        var checkedRules = rules.Select(ScenarioValidation.Check).Select(rule => new ActiveRule(rule)).ToList();
        lock (gate)
        {
            addedRules.InsertRange(0, checkedRules);
        }
    }

    /// <summary>Removes the rules added at run time; the scenario file's stay.</summary>
    public void Clear()
    {
        lock (gate)
        {
            addedRules.Clear();
        }
    }

    internal void LoadFile(IEnumerable<ScenarioRule> rules)
    {
        var checkedRules = rules.Select(ScenarioValidation.Check).Select(rule => new ActiveRule(rule)).ToList();
        lock (gate)
        {
            fileRules.Clear();
            fileRules.AddRange(checkedRules);
        }
    }

    /// <summary>The rule that chooses the outcome for a request of <paramref name="products"/> about <paramref name="keys"/>.</summary>
    internal ScenarioRule? OutcomeFor(IReadOnlyCollection<string> products, params string?[] keys)
    {
        lock (gate)
        {
            return addedRules.Concat(fileRules)
                .FirstOrDefault(active => active.Rule.ChoosesOutcome && active.Matches(products, keys))?.Rule;
        }
    }

    /// <summary>The fault to inject into a request, using up one of the rule's <c>times</c>.</summary>
    internal ScenarioRule? TakeFault(IReadOnlyCollection<string> products, IEnumerable<string?> keys)
    {
        var keyList = keys.ToArray();
        lock (gate)
        {
            var active = addedRules.Concat(fileRules)
                .FirstOrDefault(candidate => candidate.Rule.InjectsFault && candidate.Remaining is null or > 0 && candidate.Matches(products, keyList));
            if (active is null)
            {
                return null;
            }

            if (active.Remaining is not null)
            {
                active.Remaining--;
            }

            return active.Rule;
        }
    }

    private sealed class ActiveRule(ScenarioRule rule)
    {
        private readonly Regex pattern = Glob(rule.Phone);

        public ScenarioRule Rule { get; } = rule;

        public int? Remaining { get; set; } = rule.Times;

        public bool Matches(IReadOnlyCollection<string> products, IEnumerable<string?> keys) =>
            (Rule.Product == Products.Any || products.Contains(Rule.Product))
            && keys.Any(key => key is not null && (pattern.IsMatch(key) || pattern.IsMatch(PhoneNumbers.Normalize(key))));

        private static Regex Glob(string glob) => new(
            "^" + Regex.Escape(glob.Trim()).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }
}
