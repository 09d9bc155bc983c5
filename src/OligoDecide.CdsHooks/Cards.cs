using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using OligoDecide.Classification;
using OligoDecide.Engine;
using OligoDecide.Rules;

namespace OligoDecide.CdsHooks;

/// <summary>A CDS Hooks card. Optional members that are null are omitted from the JSON.</summary>
internal sealed record Card(string Uuid, string Summary, string Indicator, CardSource Source, string? Detail);

/// <summary>The card's source: the primary citation behind it.</summary>
internal sealed record CardSource(string Label, string? Url);

/// <summary>The hook response.</summary>
internal sealed record CardsResponse(IReadOnlyList<Card> Cards);

/// <summary>Turns a decision into cards: the state, each active option and caution, and what is missing.</summary>
internal static class CardBuilder
{
    public const int MaxSummary = 139;

    /// <summary>The most mapping warnings and unused resources listed on the state card; the rest are counted.</summary>
    public const int MaxRecordNotes = 20;

    public static List<Card> Build(Decision decision, string hookInstance, Fhir.FhirMappingResult? mapped = null)
    {
        var cards = new List<Card>();
        var c = decision.Classification;
        var recordNotes = RecordNotes(mapped);
        var guideline = new CardSource("Guckenberger et al., Lancet Oncol 2020 (ESTRO/EORTC classification)", "https://doi.org/10.1016/S1470-2045(19)30718-1");
        if (c.State == OligometastaticState.Indeterminate)
        {
            var sb = new StringBuilder("The oligometastatic state cannot be decided. These facts are missing:\n\n");
            foreach (var m in c.Missing)
            {
                sb.Append("- `").Append(m).Append("`\n");
            }

            AppendCouldApply(sb, decision);
            sb.Append(recordNotes);
            cards.Add(new Card(Uuid(hookInstance, "indeterminate"), "Oligometastatic state indeterminate: facts are missing", "warning", guideline, sb.ToString()));
        }
        else
        {
            var sb = new StringBuilder();
            foreach (var step in c.Path)
            {
                sb.Append("- ").Append(step.Question).Append(" **").Append(step.Answer).Append("** (").Append(step.Basis).Append(")\n");
            }

            foreach (var w in c.Warnings)
            {
                sb.Append("\n> ").Append(w).Append('\n');
            }

            sb.Append(recordNotes);
            cards.Add(new Card(Uuid(hookInstance, "state"), Truncate($"ESTRO/EORTC state: {c.State.Id()}"), c.Warnings.Count > 0 || (mapped?.Findings.Any(f => f.Severity == Severity.Warning) ?? false) ? "warning" : "info", guideline, sb.ToString()));
        }

        foreach (var s in decision.Suggestions.Where(s => s.SupersededBy is null))
        {
            cards.Add(new Card(
                Uuid(hookInstance, s.Rule),
                Truncate((s.Kind == RuleKind.Caution ? "Caution: " : "Option: ") + s.Title),
                Indicator(s, decision),
                Source(s),
                Detail(s, decision)));
        }

        return cards;
    }

    /// <summary>
    /// info for options; warning for cautions; critical for a caution that weighs against
    /// (<c>against:</c> in its rule) an option the same decision suggests. The rule is looked up in the rule set
    /// the decision's evaluation came from, so a hot reload meanwhile cannot mix two rule sets.
    /// </summary>
    internal static string Indicator(Suggestion s, Decision decision)
    {
        if (s.Kind == RuleKind.Option)
        {
            return "info";
        }

        var against = decision.Evaluation?.Rule(s.Rule)?.Against ?? [];
        return decision.ActiveOptions.Any(against.Contains) ? "critical" : "warning";
    }

    private static CardSource Source(Suggestion s)
    {
        var c = s.Evidence.FirstOrDefault();
        return c is null
            ? new CardSource("OligoDecide rule " + s.Rule, null)
            : new CardSource($"{c.FirstAuthor} et al., {c.Journal ?? c.Source} {c.Year}", c.Doi is null ? null : "https://doi.org/" + c.Doi);
    }

    private static string Detail(Suggestion s, Decision decision)
    {
        var sb = new StringBuilder(s.Text).Append("\n\n");
        foreach (var d in s.Doses)
        {
            sb.Append("**Dose:** ").Append(d).Append("\n\n");
        }

        AppendLesionSchedules(sb, decision.LesionPlans.Where(p => p.Option == s.Option).ToList());

        sb.Append("**Why this card:**\n\n");
        foreach (var r in s.Because)
        {
            sb.Append("- ").Append(r).Append('\n');
        }

        sb.Append("\n**Evidence:**\n\n");
        foreach (var c in s.Evidence)
        {
            sb.Append("- ").Append(c.Authors).Append(' ').Append(c.Title).Append(". *").Append(c.Journal ?? c.Source).Append("* ").Append(c.Year).Append('.');
            sb.Append(" Design: ").Append(Documents.KebabCase.Name(c.Design));
            if (c.N is { } n)
            {
                sb.Append(", n=").Append(n);
            }

            if (c.Doi is not null)
            {
                sb.Append(". [doi:").Append(c.Doi).Append("](https://doi.org/").Append(c.Doi).Append(')');
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>
    /// What the clinician should know about how the record was read: the mapper's warnings (codes not known,
    /// conflicts) and the resources it did not use. Empty when there is nothing to say.
    /// </summary>
    internal static string RecordNotes(Fhir.FhirMappingResult? mapped)
    {
        if (mapped is null)
        {
            return string.Empty;
        }

        var warnings = mapped.Findings.Where(f => f.Severity == Severity.Warning).Select(f => f.Message).ToList();
        var sb = new StringBuilder();
        if (warnings.Count > 0)
        {
            sb.Append("\n**The record was read with ").Append(warnings.Count.ToString(CultureInfo.InvariantCulture)).Append(" warning(s):**\n\n");
            AppendCapped(sb, warnings);
        }

        if (mapped.Ignored.Count > 0)
        {
            sb.Append("\n**").Append(mapped.Ignored.Count.ToString(CultureInfo.InvariantCulture)).Append(" resource(s) were not used:**\n\n");
            AppendCapped(sb, [.. mapped.Ignored.Select(i => i.Resource + ": " + i.Reason)]);
        }

        return sb.ToString();
    }

    private static void AppendCapped(StringBuilder sb, List<string> lines)
    {
        foreach (var line in lines.Take(MaxRecordNotes))
        {
            sb.Append("- ").Append(line).Append('\n');
        }

        if (lines.Count > MaxRecordNotes)
        {
            sb.Append("- … and ").Append((lines.Count - MaxRecordNotes).ToString(CultureInfo.InvariantCulture)).Append(" more\n");
        }
    }

    /// <summary>
    /// The option's per-lesion schedules as a Markdown table (lesion, schedule, source row), then each lesion's
    /// cautions and missing facts: a lesion without a schedule says why, never a guessed dose.
    /// </summary>
    internal static void AppendLesionSchedules(StringBuilder sb, IReadOnlyList<LesionPlan> plans)
    {
        if (plans.Count == 0)
        {
            return;
        }

        sb.Append("**Dose schedules per lesion** (").Append(Output.TextOutput.TreatsText(plans[0].Treats)).Append("):\n\n")
            .Append("| Lesion | Schedule | Source |\n|---|---|---|\n");
        foreach (var p in plans)
        {
            var lesion = Output.TextOutput.LesionLabel(p);
            if (p.Schedules.Count == 0)
            {
                var why = p.Withheld ? "none: withheld (see caution)" : p.Missing.Count > 0 ? "none: " + string.Join(", ", p.Missing.Select(m => "`" + m.Fact + "`").Distinct()) + " missing" : "none: no row applies";
                sb.Append("| ").Append(lesion).Append(" | ").Append(why).Append(" | |\n");
            }

            foreach (var m in p.Schedules)
            {
                var source = m.Evidence.FirstOrDefault() is { } c ? $"{m.Title} ({c.FirstAuthor} {c.Journal ?? c.Source} {c.Year})" : m.Title;
                sb.Append("| ").Append(lesion).Append(" | ").Append(string.Join("; ", m.Doses.Select(d => d.ToString()))).Append(" | ").Append(source.Replace("|", "/", StringComparison.Ordinal)).Append(" |\n");
            }
        }

        sb.Append('\n');
        foreach (var p in plans)
        {
            foreach (var c in p.Cautions)
            {
                sb.Append("> **Caution, ").Append(Output.TextOutput.LesionLabel(p)).Append(":** ").Append(c.Note).Append('\n');
            }
        }

        sb.Append('\n');
    }

    private static void AppendCouldApply(StringBuilder sb, Decision decision)
    {
        if (decision.CouldApply.Count == 0)
        {
            return;
        }

        sb.Append("\nOptions that could apply once they are known:\n\n");
        foreach (var c in decision.CouldApply)
        {
            sb.Append("- ").Append(c.Title).Append('\n');
        }
    }

    private static string Truncate(string s) => s.Length <= MaxSummary ? s : s[..(MaxSummary - 1)] + "…";

    /// <summary>A deterministic UUID (name-based, SHA-256 truncated) so feedback can refer to the card.</summary>
    private static string Uuid(string hookInstance, string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(hookInstance + "|" + name));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString();
    }
}
