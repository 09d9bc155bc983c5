using OligoDecide.Classification;
using System.Text.Json;
using OligoDecide.Documents;
using OligoDecide.Engine;
using OligoDecide.Evidence;

namespace OligoDecide.Output;

public static partial class JsonOutput
{
    /// <summary>
    /// The decision as JSON: <c>ruleSet{id,version,sha256}, classificationLimits{maxLesions,maxOrgans,synchronousWindowMonths}, classification{…}, suggestions[], couldApply[],
    /// warnings{input[{path,message}], ignored[{resource,reason}]}</c> (here with empty warnings).
    /// Keys and order are a public contract.
    /// </summary>
    public static string Write(Decision decision) => Write(decision, InputWarnings.None);

    /// <summary>
    /// The decision as JSON with what reading the input reported: <c>warnings.input</c> lists each warning
    /// (<c>path</c> of the fact, empty when none, and <c>message</c>), <c>warnings.ignored</c> each input item
    /// not used (<c>resource</c>, <c>reason</c>). Keys and order are a public contract.
    /// </summary>
    public static string Write(Decision decision, InputWarnings warnings) => Render(w => WriteDecision(w, decision, warnings));

    internal static void WriteDecision(Utf8JsonWriter w, Decision d, InputWarnings? warnings = null)
    {
        ArgumentNullException.ThrowIfNull(d);
        w.WriteStartObject();
        WriteDecisionProperties(w, d, warnings);
        w.WriteEndObject();
    }

    /// <summary>The decision's properties, into an object the caller opened (a batch line adds its input reference first).</summary>
    internal static void WriteDecisionProperties(Utf8JsonWriter w, Decision d, InputWarnings? warnings = null)
    {
        WriteRuleSet(w, d.RuleSet, withTitle: true);
        WriteLimits(w, d.Limits);
        w.WritePropertyName("classification");
        WriteClassification(w, d.Classification);
        w.WriteStartArray("suggestions");
        foreach (var s in d.Suggestions)
        {
            w.WriteStartObject();
            w.WriteString("rule", s.Rule);
            w.WriteString("kind", KebabCase.Name(s.Kind));
            w.WriteString("option", s.Option);
            w.WriteString("title", s.Title);
            w.WriteString("text", s.Text);
            w.WriteStartArray("dose");
            foreach (var dose in s.Doses)
            {
                w.WriteStartObject();
                w.WriteNumber("totalGy", dose.TotalGy);
                w.WriteNumber("fractions", dose.Fractions);
                if (dose.Target is not null)
                {
                    w.WriteString("target", dose.Target);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            WriteEvidenceAndBecause(w, s.Evidence, s.Because);
            w.WriteString("supersededBy", s.SupersededBy); // null when active

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("couldApply");
        foreach (var c in d.CouldApply)
        {
            w.WriteStartObject();
            w.WriteString("rule", c.Rule);
            w.WriteString("kind", KebabCase.Name(c.Kind));
            w.WriteString("option", c.Option);
            w.WriteString("title", c.Title);
            WriteMissing(w, c.Missing);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        WriteInputWarnings(w, warnings ?? InputWarnings.None);
        WriteLesionSchedules(w, d.LesionPlans);
    }

    /// <summary>
    /// <c>lesionSchedules[]</c>: per option and treated lesion, <c>{option, treats, lesion, organ, sizeMm, withheld,
    /// schedules[], cautions[], missing[]}</c>; each schedule or caution <c>{table, row, title, dose[{totalGy,
    /// totalGyMax, fractions, fractionsMax, rhythm}], note, evidence[], because[]}</c>.
    /// </summary>
    private static void WriteLesionSchedules(Utf8JsonWriter w, IReadOnlyList<LesionPlan> plans)
    {
        w.WriteStartArray("lesionSchedules");
        foreach (var p in plans)
        {
            w.WriteStartObject();
            w.WriteString("option", p.Option);
            w.WriteString("treats", KebabCase.Name(p.Treats));
            w.WriteNumber("lesion", p.Lesion);
            w.WriteString("organ", p.Organ);
            WriteNullableNumber(w, "sizeMm", p.SizeMm);
            w.WriteBoolean("withheld", p.Withheld);
            WriteMatches(w, "schedules", p.Schedules);
            WriteMatches(w, "cautions", p.Cautions);
            WriteMissing(w, p.Missing);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteNullableNumber(Utf8JsonWriter w, string name, decimal? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void WriteMatches(Utf8JsonWriter w, string name, IReadOnlyList<ScheduleMatch> matches)
    {
        w.WriteStartArray(name);
        foreach (var m in matches)
        {
            w.WriteStartObject();
            w.WriteString("table", m.Table);
            w.WriteString("row", m.Row);
            w.WriteString("title", m.Title);
            w.WriteStartArray("dose");
            foreach (var f in m.Doses)
            {
                w.WriteStartObject();
                w.WriteNumber("totalGy", f.TotalGy);
                WriteNullableNumber(w, "totalGyMax", f.TotalGyMax);
                w.WriteNumber("fractions", f.Fractions);
                WriteNullableNumber(w, "fractionsMax", f.FractionsMax);
                w.WriteString("rhythm", f.Rhythm is { } r ? KebabCase.Name(r) : null);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("note", m.Note);
            WriteEvidenceAndBecause(w, m.Evidence, m.Because);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteInputWarnings(Utf8JsonWriter w, InputWarnings warnings)
    {
        w.WriteStartObject("warnings");
        w.WriteStartArray("input");
        foreach (var f in warnings.Warnings)
        {
            w.WriteStartObject();
            w.WriteString("path", f.Path);
            w.WriteString("message", f.Message);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("ignored");
        foreach (var (item, reason) in warnings.Ignored)
        {
            w.WriteStartObject();
            w.WriteString("resource", item);
            w.WriteString("reason", reason);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>The rule set's identity; the full decision adds its title so that it reads back whole.</summary>
    private static void WriteRuleSet(Utf8JsonWriter w, Rules.RuleSetInfo info, bool withTitle)
    {
        w.WriteStartObject("ruleSet");
        w.WriteString("id", info.Id);
        w.WriteString("version", info.Version);
        if (withTitle)
        {
            w.WriteString("title", info.Title);
        }

        w.WriteString("sha256", info.Sha256);
        w.WriteEndObject();
    }

    private static void WriteLimits(Utf8JsonWriter w, ClassificationOptions limits)
    {
        w.WriteStartObject("classificationLimits");
        w.WriteNumber("maxLesions", limits.MaxLesions);
        w.WriteNumber("maxOrgans", limits.MaxOrgans);
        w.WriteNumber("synchronousWindowMonths", limits.SynchronousWindowMonths);
        w.WriteEndObject();
    }

    /// <summary>
    /// The compact form of a decision for batch screening: the classification without its path, each
    /// active or superseded suggestion with its evidence as citation ids and its reasons as text, and
    /// what each undecided rule is missing. The rule set's id, version and hash make the ids unambiguous;
    /// the full texts and citations are in the rule set (<c>oligodecide docs</c>).
    /// </summary>
    internal static void WriteCompactDecisionProperties(Utf8JsonWriter w, Decision d)
    {
        var c = d.Classification;
        WriteRuleSet(w, d.RuleSet, withTitle: false);
        WriteLimits(w, d.Limits);
        w.WriteString("state", c.State.Id());
        w.WriteString("category", c.Category.Id());
        WriteNullableNumber(w, "lesionCount", c.LesionCount);
        WriteNullableNumber(w, "organCount", c.OrganCount);
        WriteStrings(w, "missing", c.Missing);
        WriteStrings(w, "warnings", c.Warnings);
        w.WriteStartArray("suggestions");
        foreach (var s in d.Suggestions)
        {
            w.WriteStartObject();
            w.WriteString("rule", s.Rule);
            w.WriteString("kind", KebabCase.Name(s.Kind));
            w.WriteString("option", s.Option);
            w.WriteStartArray("evidence");
            foreach (var e in s.Evidence)
            {
                w.WriteStringValue(e.Id);
            }

            w.WriteEndArray();
            w.WriteStartArray("because");
            foreach (var r in s.Because)
            {
                w.WriteStringValue(r.ToString());
            }

            w.WriteEndArray();
            w.WriteString("supersededBy", s.SupersededBy); // null when active

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("couldApply");
        foreach (var u in d.CouldApply)
        {
            w.WriteStartObject();
            w.WriteString("rule", u.Rule);
            w.WriteString("option", u.Option);
            w.WriteStartArray("missing");
            foreach (var m in u.Missing)
            {
                w.WriteStringValue(m.Fact);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    internal static void WriteCitation(Utf8JsonWriter w, Citation c)
    {
        w.WriteStartObject();
        w.WriteString("id", c.Id);
        w.WriteString("title", c.Title);
        w.WriteString("authors", c.Authors);
        if (c.Journal is not null)
        {
            w.WriteString("journal", c.Journal);
        }

        if (c.Source is not null)
        {
            w.WriteString("source", c.Source);
        }

        w.WriteNumber("year", c.Year);
        if (c.Doi is not null)
        {
            w.WriteString("doi", c.Doi);
        }

        w.WriteString("design", KebabCase.Name(c.Design));
        if (c.N is { } n)
        {
            w.WriteNumber("n", n);
        }

        if (c.Trial is not null)
        {
            w.WriteString("trial", c.Trial);
        }

        WriteStrings(w, "findings", c.Findings);
        w.WriteEndObject();
    }

    /// <summary>The <c>evidence</c> (full citations) and <c>because</c> (condition and what was seen) arrays of a suggestion or a schedule match.</summary>
    private static void WriteEvidenceAndBecause(Utf8JsonWriter w, IReadOnlyList<Citation> evidence, IReadOnlyList<Reason> because)
    {
        w.WriteStartArray("evidence");
        foreach (var c in evidence)
        {
            WriteCitation(w, c);
        }

        w.WriteEndArray();
        w.WriteStartArray("because");
        foreach (var r in because)
        {
            w.WriteStartObject();
            w.WriteString("condition", r.Condition);
            w.WriteString("seen", r.Seen);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary><c>missing[{fact, needed}]</c>: the facts a could-apply rule or an unscheduled lesion lacks.</summary>
    private static void WriteMissing(Utf8JsonWriter w, IReadOnlyList<MissingFact> missing)
    {
        w.WriteStartArray("missing");
        foreach (var m in missing)
        {
            w.WriteStartObject();
            w.WriteString("fact", m.Fact);
            w.WriteString("needed", m.Needed);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
