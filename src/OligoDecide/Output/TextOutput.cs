using System.Text;
using OligoDecide.Classification;

namespace OligoDecide.Output;

/// <summary>Writes results as plain text for people (tumour-board coordinators, clinicians). LF line ends.</summary>
public static partial class TextOutput
{
    /// <summary>The classification: state, the questions asked with answers and basis, what is missing, warnings.</summary>
    public static string Write(ClassificationResult classification)
    {
        ArgumentNullException.ThrowIfNull(classification);
        var sb = new StringBuilder();
        AppendClassification(sb, classification);
        return sb.ToString();
    }

    internal static void AppendClassification(StringBuilder sb, ClassificationResult c)
    {
        sb.Append("State: ").Append(c.State.Id());
        if (c.Category != StateCategory.None)
        {
            sb.Append(" (").Append(c.Category.Id()).Append(')');
        }

        sb.Append('\n');
        if (c.LesionCount is { } n && c.OrganCount is { } o)
        {
            sb.Append("Countable lesions: ").Append(n).Append(" in ").Append(o).Append(" organ(s)\n");
        }

        sb.Append("Decision path (ESTRO/EORTC 2020):\n");
        for (var i = 0; i < c.Path.Count; i++)
        {
            var step = c.Path[i];
            sb.Append("  ").Append(i + 1).Append(". ").Append(step.Question).Append(' ').Append(step.Answer).Append('\n');
            sb.Append("     because ").Append(step.Basis).Append('\n');
        }

        if (c.Missing.Count > 0)
        {
            sb.Append("Missing facts (needed to decide):\n");
            foreach (var m in c.Missing)
            {
                sb.Append("  - ").Append(m).Append('\n');
            }
        }

        if (c.State == OligometastaticState.Indeterminate && c.PossibleStates.Count > 0)
        {
            sb.Append("Possible states: ").Append(string.Join(", ", c.PossibleStates.Select(s => s.Id()))).Append('\n');
        }

        if (c.Warnings.Count > 0)
        {
            sb.Append("Warnings:\n");
            foreach (var w in c.Warnings)
            {
                sb.Append("  ! ").Append(w).Append('\n');
            }
        }
    }
}
