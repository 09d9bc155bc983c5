using System.Text;
using OligoDecide.Classification;
using OligoDecide.Documents;
using OligoDecide.Model;

namespace OligoDecide.Output;

/// <summary>
/// The disease timeline of the tumour-board page, drawn as inline SVG: one lane per event kind, x
/// proportional to the date between the earliest dated event and the assessment date. Every drawn
/// event carries <c>data-date</c> (and <c>data-stop</c> for bars) and a zero-width
/// <c>line.tl-anchor</c> at its x, so a test can read positions from the DOM.
/// </summary>
internal static class ReportTimeline
{
    /// <summary>SVG user units: the whole drawing, the left label column and the plot.</summary>
    internal const double Width = 960, PlotLeft = 190, PlotRight = 930;

    private const double TopBand = 34, LaneHeight = 34, BottomBand = 26;

    /// <summary>Maps dates to x linearly: <paramref name="From"/> to <see cref="PlotLeft"/>, <paramref name="To"/> to <see cref="PlotRight"/>.</summary>
    internal sealed record Scale(DateOnly From, DateOnly To)
    {
        /// <summary>The x of a date, in SVG user units; a one-day span when From equals To.</summary>
        public double X(DateOnly date) =>
            PlotLeft + ((PlotRight - PlotLeft) * (date.DayNumber - From.DayNumber) / Math.Max(1, To.DayNumber - From.DayNumber));
    }

    private sealed record Lane(string Label, Action<StringBuilder, Scale, double> Draw);

    /// <summary>The dated events of a case, earliest first, and the scale from the earliest to the assessment date.</summary>
    internal static Scale ScaleFor(Patient patient)
    {
        var dates = new List<DateOnly> { patient.AssessedOn };
        if (patient.Primary?.DiagnosedOn is { } p)
        {
            dates.Add(p);
        }

        if (patient.Metastases?.DiagnosedOn is { } m)
        {
            dates.Add(m);
        }

        foreach (var t in patient.SystemicTherapies ?? [])
        {
            AddIfKnown(dates, t.StartedOn, t.StoppedOn);
        }

        foreach (var r in patient.Radiotherapy ?? [])
        {
            AddIfKnown(dates, r.StartedOn, r.StoppedOn);
        }

        return new Scale(dates.Min(), dates.Max());

        static void AddIfKnown(List<DateOnly> list, DateOnly? a, DateOnly? b)
        {
            // A course without a start date is not drawn, so its stop date does not stretch the scale.
            if (a is { } x)
            {
                list.Add(x);
                if (b is { } y)
                {
                    list.Add(y);
                }
            }
        }
    }

    /// <summary>Writes the SVG figure, and after it the events that could not be placed for want of a date.</summary>
    internal static void Append(StringBuilder sb, Patient patient, ClassificationOptions options)
    {
        var scale = ScaleFor(patient);
        var lanes = new List<Lane>();
        var undated = new List<string>();
        var words = new List<string>();

        var primary = patient.Primary?.DiagnosedOn;
        if (primary is { } pd)
        {
            lanes.Add(new Lane("Primary diagnosis", (s, sc, y) => Point(s, sc, y, pd, "primary", "diamond", "primary diagnosed " + Html.Date(pd))));
            words.Add("primary diagnosed " + Html.Date(pd));
        }
        else
        {
            undated.Add("primary diagnosis");
        }

        var metastases = patient.Metastases?.DiagnosedOn;
        if (metastases is { } md)
        {
            var newCount = patient.Metastases?.Lesions?.Count(l => l.Status == LesionStatus.New) ?? 0;
            var text = "metastases diagnosed " + Html.Date(md) + (newCount > 0 ? $" ({Html.Num(newCount)} new lesion{(newCount == 1 ? string.Empty : "s")})" : string.Empty);
            lanes.Add(new Lane("Metastases", (s, sc, y) => Point(s, sc, y, md, "metastases", "circle", text)));
            words.Add(text);
        }
        else if (patient.Metastases is not null)
        {
            undated.Add("metastasis diagnosis");
        }

        var therapies = (patient.SystemicTherapies ?? []).Select((t, i) => (t, i)).ToList();
        var dated = therapies.Where(x => x.t.StartedOn is not null).OrderBy(x => x.t.StartedOn).ThenBy(x => x.i).ToList();
        for (var n = 0; n < dated.Count; n++)
        {
            var t = dated[n].t;
            var number = n + 1;
            var kind = t.Kind is { } k ? KebabCase.Name(k) : "kind not recorded";
            var stop = t.StoppedOn;
            var label = kind + (t.Name is null ? string.Empty : " · " + t.Name) + " · " + Html.Date(t.StartedOn!.Value) + " to " + (stop is { } st ? Html.Date(st) : "ongoing")
                + (t.BestResponse is { } r ? " · best response " + KebabCase.Name(r) : string.Empty);
            lanes.Add(new Lane("Systemic #" + Html.Num(number), (s, sc, y) => Bar(s, sc, y, t.StartedOn!.Value, stop, stop is not null ? BarEnd.Stopped : t.Ongoing == true ? BarEnd.Ongoing : BarEnd.Unknown, "systemic", label)));
            words.Add("systemic therapy " + Html.Num(number) + ": " + label);
        }

        undated.AddRange(therapies.Where(x => x.t.StartedOn is null).Select(x => "systemic therapy " + (x.t.Kind is { } k ? KebabCase.Name(k) : "of unrecorded kind") + " (start date)"));

        var courses = (patient.Radiotherapy ?? []).Select((c, i) => (c, i)).ToList();
        var datedCourses = courses.Where(x => x.c.StartedOn is not null).OrderBy(x => x.c.StartedOn).ThenBy(x => x.i).ToList();
        for (var n = 0; n < datedCourses.Count; n++)
        {
            var c = datedCourses[n].c;
            var dose = c.DoseGy is { } gy ? Html.Num(gy) + " Gy" + (c.Fractions is { } f ? " / " + Html.Num(f) + " fx" : string.Empty) : "dose not recorded";
            var label = (c.Site ?? "site not recorded") + " · " + dose + " · " + Html.Date(c.StartedOn!.Value) + " to " + (c.StoppedOn is { } st ? Html.Date(st) : "stop unknown");
            lanes.Add(new Lane("Radiotherapy #" + Html.Num(n + 1), (s, sc, y) => Bar(s, sc, y, c.StartedOn!.Value, c.StoppedOn, c.StoppedOn is null ? BarEnd.Unknown : BarEnd.Stopped, "radiotherapy", label)));
            words.Add("radiotherapy " + Html.Num(n + 1) + ": " + label);
        }

        undated.AddRange(courses.Where(x => x.c.StartedOn is null).Select(_ => "a radiotherapy course (start date)"));

        var progressing = patient.Metastases?.Lesions?.Count(l => l.Status == LesionStatus.Progressing) ?? 0;
        if (progressing > 0)
        {
            if (metastases is { } md2)
            {
                var text = $"progression: {Html.Num(progressing)} progressing lesion{(progressing == 1 ? string.Empty : "s")}, " + Html.Date(md2);
                lanes.Add(new Lane("Progression", (s, sc, y) => Point(s, sc, y, md2, "progression", "triangle", text)));
                words.Add(text);
            }
            else
            {
                undated.Add("progression (metastasis diagnosis date)");
            }
        }

        var height = TopBand + (lanes.Count * LaneHeight) + BottomBand;
        words.Add("assessed " + Html.Date(patient.AssessedOn));
        sb.Append("<figure class=\"timeline\">\n");
        sb.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"tl-title tl-desc\" viewBox=\"0 0 ")
            .Append(Html.Num(Width)).Append(' ').Append(Html.Num(height)).Append("\" data-from=\"").Append(Html.Date(scale.From))
            .Append("\" data-to=\"").Append(Html.Date(scale.To)).Append("\" data-plot-left=\"").Append(Html.Num(PlotLeft))
            .Append("\" data-plot-right=\"").Append(Html.Num(PlotRight)).Append("\">\n");
        sb.Append("<title id=\"tl-title\">Disease timeline from ").Append(Html.Date(scale.From)).Append(" to ").Append(Html.Date(scale.To)).Append("</title>\n");
        sb.Append("<desc id=\"tl-desc\">").Append(Html.Escape(string.Join("; ", words))).Append(".</desc>\n");
        sb.Append("<defs><pattern id=\"tl-hatch\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">")
            .Append("<rect width=\"8\" height=\"8\" class=\"tl-window-fill\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"8\" class=\"tl-hatch-line\"/></pattern></defs>\n");

        var laneTop = TopBand;
        var laneBottom = TopBand + (lanes.Count * LaneHeight);
        AppendAxis(sb, scale, laneTop, laneBottom);

        if (primary is { } p0)
        {
            var end = p0.AddMonths(options.SynchronousWindowMonths);
            var x0 = scale.X(p0);
            var x1 = scale.X(end < scale.To ? end : scale.To);
            sb.Append("<g class=\"tl-window\" data-date=\"").Append(Html.Date(p0)).Append("\" data-stop=\"").Append(Html.Date(end)).Append("\">")
                .Append("<title>").Append(Html.Num(options.SynchronousWindowMonths)).Append("-month synchronous window: ").Append(Html.Date(p0)).Append(" to ").Append(Html.Date(end)).Append("</title>")
                .Append("<rect x=\"").Append(Html.Num(x0)).Append("\" y=\"").Append(Html.Num(laneTop)).Append("\" width=\"").Append(Html.Num(Math.Max(1, x1 - x0)))
                .Append("\" height=\"").Append(Html.Num(laneBottom - laneTop)).Append("\" fill=\"url(#tl-hatch)\"/>")
                .Append("<text x=\"").Append(Html.Num(x0 + 3)).Append("\" y=\"").Append(Html.Num(laneTop - 6)).Append("\" class=\"tl-window-label\">")
                .Append(Html.Num(options.SynchronousWindowMonths)).Append("-month synchronous window, to ").Append(Html.Date(end)).Append("</text></g>\n");
        }

        for (var i = 0; i < lanes.Count; i++)
        {
            var y = laneTop + (i * LaneHeight);
            sb.Append("<g class=\"tl-lane\"><line x1=\"0\" x2=\"").Append(Html.Num(Width)).Append("\" y1=\"").Append(Html.Num(y + LaneHeight))
                .Append("\" y2=\"").Append(Html.Num(y + LaneHeight)).Append("\" class=\"tl-lane-rule\"/>")
                .Append("<text x=\"8\" y=\"").Append(Html.Num(y + 21)).Append("\" class=\"tl-lane-label\">").Append(Html.Escape(lanes[i].Label)).Append("</text>");
            lanes[i].Draw(sb, scale, y);
            sb.Append("</g>\n");
        }

        var xa = scale.X(patient.AssessedOn);
        sb.Append("<g class=\"tl-mark tl-assessed\" data-kind=\"assessed\" data-date=\"").Append(Html.Date(patient.AssessedOn)).Append("\"><title>assessed ")
            .Append(Html.Date(patient.AssessedOn)).Append("</title>");
        Anchor(sb, xa, laneTop - 4, laneBottom);
        sb.Append("<text x=\"").Append(Html.Num(xa)).Append("\" y=\"").Append(Html.Num(laneTop - 6)).Append("\" text-anchor=\"end\" class=\"tl-assessed-label\">assessed ")
            .Append(Html.Date(patient.AssessedOn)).Append(" ▼</text></g>\n");
        sb.Append("</svg>\n");

        if (undated.Count > 0)
        {
            sb.Append("<figcaption class=\"undated\"><strong>Not on the timeline, date not recorded:</strong> ")
                .Append(Html.Escape(string.Join("; ", undated))).Append(".</figcaption>\n");
        }

        sb.Append("</figure>\n");
    }

    private enum BarEnd
    {
        Stopped,
        Ongoing,
        Unknown,
    }

    private static void AppendAxis(StringBuilder sb, Scale scale, double top, double bottom)
    {
        var span = scale.To.DayNumber - scale.From.DayNumber;
        var step = span <= 120 ? 1 : span <= 550 ? 3 : span <= 1500 ? 6 : 12;
        var first = new DateOnly(scale.From.Year, scale.From.Month, 1);
        if (first < scale.From)
        {
            first = first.AddMonths(1);
        }

        sb.Append("<g class=\"tl-axis\" aria-hidden=\"true\">");
        for (var d = first; d <= scale.To; d = d.AddMonths(1))
        {
            if ((d.Month - 1) % step != 0)
            {
                continue;
            }

            var x = scale.X(d);
            var label = step == 12 ? Html.Num(d.Year) : d.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
            sb.Append("<line x1=\"").Append(Html.Num(x)).Append("\" x2=\"").Append(Html.Num(x)).Append("\" y1=\"").Append(Html.Num(top))
                .Append("\" y2=\"").Append(Html.Num(bottom + 4)).Append("\" class=\"tl-grid\"/>")
                .Append("<text x=\"").Append(Html.Num(x)).Append("\" y=\"").Append(Html.Num(bottom + 18)).Append("\" text-anchor=\"middle\" class=\"tl-tick\">")
                .Append(label).Append("</text>");
        }

        sb.Append("</g>\n");
    }

    private static void Anchor(StringBuilder sb, double x, double y1, double y2) =>
        sb.Append("<line class=\"tl-anchor\" x1=\"").Append(Html.Num(x)).Append("\" x2=\"").Append(Html.Num(x))
            .Append("\" y1=\"").Append(Html.Num(y1)).Append("\" y2=\"").Append(Html.Num(y2)).Append("\"/>");

    /// <summary>
    /// A text beside a mark: from its start to the right, unless the text (estimated at 6.4 units a
    /// character at 12 px) would run off the drawing; then it ends at the right edge, or at the mark
    /// when the mark is near the right edge.
    /// </summary>
    private static void Label(StringBuilder sb, double xStart, double xEnd, double y, string text)
    {
        var estimate = text.Length * 6.4;
        string anchor;
        double x;
        if (xStart + 2 + estimate <= Width - 4)
        {
            (x, anchor) = (xStart + 2, string.Empty);
        }
        else
        {
            (x, anchor) = (Math.Min(Width - 4, Math.Max(xEnd - 2, PlotLeft + estimate)), " text-anchor=\"end\"");
        }

        sb.Append("<text x=\"").Append(Html.Num(x)).Append("\" y=\"").Append(Html.Num(y))
            .Append("\" class=\"tl-text\"").Append(anchor).Append('>')
            .Append(Html.Escape(text)).Append("</text>");
    }

    private static void Point(StringBuilder sb, Scale scale, double y, DateOnly date, string kind, string shape, string text)
    {
        var x = scale.X(date);
        var cy = y + 11;
        sb.Append("<g class=\"tl-mark tl-").Append(kind).Append("\" data-kind=\"").Append(kind).Append("\" data-date=\"").Append(Html.Date(date)).Append("\"><title>")
            .Append(Html.Escape(text)).Append("</title>");
        Anchor(sb, x, y + 2, y + 20);
        switch (shape)
        {
            case "diamond":
                sb.Append("<path d=\"M").Append(Html.Num(x)).Append(' ').Append(Html.Num(cy - 7)).Append(" l7 7 l-7 7 l-7 -7 z\" class=\"tl-shape\"/>");
                break;
            case "triangle":
                sb.Append("<path d=\"M").Append(Html.Num(x)).Append(' ').Append(Html.Num(cy - 7)).Append(" l7 13 l-14 0 z\" class=\"tl-shape\"/>");
                break;
            default:
                sb.Append("<circle cx=\"").Append(Html.Num(x)).Append("\" cy=\"").Append(Html.Num(cy)).Append("\" r=\"6\" class=\"tl-shape\"/>");
                break;
        }

        Label(sb, x + 8, x - 8, y + 30, text);
        sb.Append("</g>");
    }

    private static void Bar(StringBuilder sb, Scale scale, double y, DateOnly start, DateOnly? stop, BarEnd end, string kind, string text)
    {
        var x0 = scale.X(start);
        var x1 = end switch
        {
            BarEnd.Ongoing => scale.X(scale.To),
            BarEnd.Unknown => x0 + 14,
            _ => scale.X(stop!.Value),
        };
        var width = Math.Max(3, x1 - x0);
        var endWord = end switch { BarEnd.Ongoing => "ongoing", BarEnd.Unknown => "stop-unknown", _ => "stopped" };
        sb.Append("<g class=\"tl-mark tl-").Append(kind).Append(" tl-").Append(endWord).Append("\" data-kind=\"").Append(kind).Append("\" data-date=\"").Append(Html.Date(start)).Append('"');
        if (stop is { } s)
        {
            sb.Append(" data-stop=\"").Append(Html.Date(s)).Append('"');
        }

        sb.Append(" data-end=\"").Append(endWord).Append("\"><title>").Append(Html.Escape(text)).Append("</title>");
        Anchor(sb, x0, y + 3, y + 17);
        sb.Append("<rect x=\"").Append(Html.Num(x0)).Append("\" y=\"").Append(Html.Num(y + 4)).Append("\" width=\"").Append(Html.Num(width))
            .Append("\" height=\"12\" class=\"tl-bar\"/>");
        if (end == BarEnd.Ongoing)
        {
            // An arrow head past the assessment date: the therapy goes on.
            sb.Append("<path d=\"M").Append(Html.Num(x0 + width)).Append(' ').Append(Html.Num(y + 1)).Append(" l9 9 l-9 9 z\" class=\"tl-arrow\"/>");
        }
        else if (end == BarEnd.Unknown)
        {
            sb.Append("<text x=\"").Append(Html.Num(x0 + width + 3)).Append("\" y=\"").Append(Html.Num(y + 15)).Append("\" class=\"tl-unknown\">?</text>");
        }

        Label(sb, x0, x0 + width, y + 30, text);
        sb.Append("</g>");
    }
}
