using System.Text.Json;
using OligoDecide.Documents;
using OligoDecide.Engine;
using OligoDecide.Evidence;

namespace OligoDecide.Output;

public static partial class JsonOutput
{
    /// <summary>
    /// The decision as JSON: <c>ruleSet{id,version,sha256}, classification{…}, suggestions[], couldApply[]</c>.
    /// Keys and order are a public contract.
    /// </summary>
    public static string Write(Decision decision) => Render(w => WriteDecision(w, decision));

    internal static void WriteDecision(Utf8JsonWriter w, Decision d)
    {
        ArgumentNullException.ThrowIfNull(d);
        w.WriteStartObject();
        w.WriteStartObject("ruleSet");
        w.WriteString("id", d.RuleSet.Id);
        w.WriteString("version", d.RuleSet.Version);
        w.WriteString("sha256", d.RuleSet.Sha256);
        w.WriteEndObject();
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
            w.WriteStartArray("evidence");
            foreach (var c in s.Evidence)
            {
                WriteCitation(w, c);
            }

            w.WriteEndArray();
            w.WriteStartArray("because");
            foreach (var r in s.Because)
            {
                w.WriteStartObject();
                w.WriteString("condition", r.Condition);
                w.WriteString("seen", r.Seen);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (s.SupersededBy is null)
            {
                w.WriteNull("supersededBy");
            }
            else
            {
                w.WriteString("supersededBy", s.SupersededBy);
            }

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
            w.WriteStartArray("missing");
            foreach (var m in c.Missing)
            {
                w.WriteStartObject();
                w.WriteString("fact", m.Fact);
                w.WriteString("needed", m.Needed);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
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
}
