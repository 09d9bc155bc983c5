using System.Text;
using OligoDecide.Engine;
using OligoDecide.Rules;

namespace OligoDecide.Output;

public static partial class TextOutput
{
    /// <summary>
    /// The decision as a tumour-board coordinator reads it: classification, options, cautions
    /// (each with dose, reasons and citations as "Author Journal Year; DOI"), then what could apply
    /// with more facts.
    /// </summary>
    public static string Write(Decision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var sb = new StringBuilder();
        sb.Append("Rule set: ").Append(decision.RuleSet.Id).Append(' ').Append(decision.RuleSet.Version)
            .Append(" (sha256 ").Append(decision.RuleSet.Sha256.AsSpan(0, 12)).Append(")\n\n");
        AppendClassification(sb, decision.Classification);
        AppendGroup(sb, "Options for the tumour board", decision.Suggestions.Where(s => s.Kind == RuleKind.Option && s.SupersededBy is null));
        AppendGroup(sb, "Cautions", decision.Suggestions.Where(s => s.Kind == RuleKind.Caution && s.SupersededBy is null));

        AppendLesionSchedules(sb, decision.LesionPlans);

        var superseded = decision.Suggestions.Where(s => s.SupersededBy is not null).ToList();
        if (superseded.Count > 0)
        {
            sb.Append("\nSuperseded:\n");
            foreach (var s in superseded)
            {
                sb.Append("  - ").Append(s.Option).Append(" (superseded by ").Append(s.SupersededBy).Append(")\n");
            }
        }

        if (decision.Suggestions.Count == 0)
        {
            sb.Append("\nNo option or caution applies with the facts recorded.\n");
        }

        if (decision.CouldApply.Count > 0)
        {
            sb.Append("\nCould apply if these facts were known:\n");
            foreach (var c in decision.CouldApply)
            {
                sb.Append("  - ").Append(c.Option).Append(" (").Append(Documents.KebabCase.Name(c.Kind)).Append(")\n");
                foreach (var m in c.Missing)
                {
                    sb.Append("      needs ").Append(m.Needed).Append("   [missing: ").Append(m.Fact).Append("]\n");
                }
            }
        }

        return sb.ToString();
    }

    private static void AppendGroup(StringBuilder sb, string heading, IEnumerable<Suggestion> suggestions)
    {
        var list = suggestions.ToList();
        if (list.Count == 0)
        {
            return;
        }

        sb.Append('\n').Append(heading).Append(":\n");
        for (var i = 0; i < list.Count; i++)
        {
            var s = list[i];
            sb.Append("  ").Append(i + 1).Append(". [").Append(s.Option).Append("] ").Append(s.Title).Append('\n');
            foreach (var line in Wrap(s.Text, 88))
            {
                sb.Append("     ").Append(line).Append('\n');
            }

            foreach (var dose in s.Doses)
            {
                sb.Append("     Dose: ").Append(dose).Append('\n');
            }

            if (s.Because.Count > 0)
            {
                sb.Append("     Because:\n");
                foreach (var r in s.Because)
                {
                    sb.Append("       - ").Append(r).Append('\n');
                }
            }

            sb.Append("     Evidence:\n");
            foreach (var c in s.Evidence)
            {
                sb.Append("       - ").Append(c.ShortReference).Append(" [").Append(Documents.KebabCase.Name(c.Design));
                if (c.N is { } n)
                {
                    sb.Append(", n=").Append(n);
                }

                sb.Append("]\n");
            }
        }
    }

    /// <summary>
    /// The per-lesion table: one line per schedule (lesion, schedule, table/row), then per lesion the reasons,
    /// notes, cautions and missing facts; a lesion without a schedule says why. Citations once per option.
    /// </summary>
    private static void AppendLesionSchedules(StringBuilder sb, IReadOnlyList<LesionPlan> plans)
    {
        if (plans.Count == 0)
        {
            return;
        }

        sb.Append("\nDose schedules per treated lesion:\n");
        foreach (var group in plans.GroupBy(p => p.Option, StringComparer.Ordinal))
        {
            var first = group.First();
            sb.Append("  [").Append(group.Key).Append("] treats ").Append(TreatsText(first.Treats)).Append('\n');
            sb.Append("    ").Append(Pad("Lesion", 22)).Append(Pad("Schedule", 38)).Append("Source row\n");
            foreach (var p in group)
            {
                var lesion = Pad(LesionLabel(p), 22);
                if (p.Schedules.Count == 0)
                {
                    var why = p.Withheld ? "none: withheld, see caution" : p.Missing.Count > 0 ? "none: a deciding fact is missing" : "none: no row of the tables applies";
                    sb.Append("    ").Append(lesion).Append(why).Append('\n');
                }

                foreach (var m in p.Schedules)
                {
                    for (var i = 0; i < m.Doses.Count; i++)
                    {
                        sb.Append("    ").Append(i == 0 ? lesion : Pad(string.Empty, 22)).Append(Pad(m.Doses[i].ToString(), 38))
                            .Append(i == 0 ? $"{m.Table}/{m.Row}" : string.Empty).Append('\n');
                    }

                    lesion = Pad(string.Empty, 22);
                }

                foreach (var m in p.Schedules)
                {
                    sb.Append("      ").Append(m.Table).Append('/').Append(m.Row).Append(": ").Append(m.Title).Append("; because ")
                        .Append(string.Join("; ", m.Because.Select(r => r.ToString()))).Append('\n');
                    if (m.Note is not null)
                    {
                        foreach (var line in Wrap(m.Note, 84))
                        {
                            sb.Append("        ").Append(line).Append('\n');
                        }
                    }
                }

                foreach (var c in p.Cautions)
                {
                    sb.Append("      CAUTION ").Append(c.Table).Append('/').Append(c.Row).Append(": ").Append(c.Title).Append('\n');
                    foreach (var line in Wrap(c.Note ?? string.Empty, 84))
                    {
                        sb.Append("        ").Append(line).Append('\n');
                    }
                }

                foreach (var m in p.Missing)
                {
                    sb.Append("      missing ").Append(m.Fact).Append(" (a row needs ").Append(m.Needed).Append(")\n");
                }
            }

            sb.Append("    Evidence:\n");
            foreach (var c in group.SelectMany(p => p.Schedules.Concat(p.Cautions)).SelectMany(m => m.Evidence).DistinctBy(c => c.Id).OrderBy(c => c.Id, StringComparer.Ordinal))
            {
                sb.Append("      - ").Append(c.ShortReference).Append(" [").Append(Documents.KebabCase.Name(c.Design)).Append("]\n");
            }
        }
    }

    internal static string TreatsText(Model.TreatedLesions treats) => treats switch
    {
        Model.TreatedLesions.AllCountable => "every countable metastasis",
        Model.TreatedLesions.Progressing => "the new or progressing metastases only",
        _ => "one metastasis chosen by the board (each countable one judged treatable is a candidate)",
    };

    internal static string LesionLabel(LesionPlan p) =>
        $"#{p.Lesion} {p.Organ ?? "?"}" + (p.SizeMm is { } mm ? " " + mm.ToString(System.Globalization.CultureInfo.InvariantCulture) + " mm" : string.Empty);

    private static string Pad(string s, int width) => s.Length >= width ? s + " " : s.PadRight(width);

    internal static IEnumerable<string> Wrap(string text, int width)
    {
        var line = new StringBuilder();
        foreach (var word in text.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                yield return line.ToString();
                line.Clear();
            }

            if (line.Length > 0)
            {
                line.Append(' ');
            }

            line.Append(word);
        }

        if (line.Length > 0)
        {
            yield return line.ToString();
        }
    }
}
