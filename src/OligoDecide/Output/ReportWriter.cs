using System.Text;
using OligoDecide.Classification;
using OligoDecide.Documents;
using OligoDecide.Engine;
using OligoDecide.Evidence;
using OligoDecide.Model;
using OligoDecide.Rules;

namespace OligoDecide.Output;

/// <summary>One case on the tumour-board agenda (<see cref="ReportWriter.WriteIndex"/>).</summary>
/// <param name="Href">A relative link to the case's page, e.g. <c>case-01.html</c>; written HTML-escaped.</param>
/// <param name="Patient">The case as read.</param>
/// <param name="Decision">The decision for that case.</param>
public sealed record ReportIndexEntry(string Href, Patient Patient, Decision Decision);

/// <summary>
/// Writes the tumour-board page: one self-contained HTML document per case (inline CSS and SVG, no
/// script, no external asset; a Content-Security-Policy forbids loading any), readable on a projector
/// and printable on A4; and an index page, the board's agenda. The page shows the case id, the
/// assessment date, the rule set identity, the state with its ESTRO/EORTC decision path, the facts
/// still to complete, a disease timeline, lesions by organ, and the options and cautions with evidence
/// badges by study design and DOI links. It shows nothing that identifies the patient beyond the case
/// id (no age, no sex). Output is UTF-8 text with LF line ends, the same bytes for the same input in
/// any culture; every text from the case or the rule set is HTML-escaped.
/// </summary>
public static class ReportWriter
{
    /// <summary>The page for one case.</summary>
    /// <param name="decision">The decision for <paramref name="patient"/>.</param>
    /// <param name="patient">The case the decision was made for (dates, lesions, therapies are read from it).</param>
    /// <param name="options">The classification limits the decision used; the synchronous window is shaded from them. Default <see cref="ClassificationOptions.Default"/>.</param>
    /// <returns>A complete HTML5 document.</returns>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    public static string Write(Decision decision, Patient patient, ClassificationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(patient);
        options ??= ClassificationOptions.Default;
        var c = decision.Classification;
        var caseId = CaseId(patient);
        var sb = new StringBuilder(32 * 1024);
        Head(sb, "Case " + caseId + " · tumour board");
        sb.Append("<header class=\"page-head\">\n<p class=\"kicker\">Tumour board · OligoDecide decision support</p>\n")
            .Append("<h1>Case <span class=\"case-id\">").Append(Html.Escape(caseId)).Append("</span></h1>\n<dl class=\"meta\">\n")
            .Append("<div><dt>Assessed on</dt><dd><time datetime=\"").Append(Html.Date(patient.AssessedOn)).Append("\">").Append(Html.Date(patient.AssessedOn)).Append("</time></dd></div>\n");
        RuleSetIdentity(sb, decision.RuleSet);
        sb.Append("</dl>\n</header>\n<main>\n");

        State(sb, c);
        ToComplete(sb, decision);
        sb.Append("<section id=\"timeline\" aria-labelledby=\"h-timeline\">\n<h2 id=\"h-timeline\">Disease timeline</h2>\n");
        ReportTimeline.Append(sb, patient, options);
        sb.Append("</section>\n");
        sb.Append("<div class=\"two-col\">\n");
        Lesions(sb, patient);
        CaseFacts(sb, patient);
        sb.Append("</div>\n");
        Suggestions(sb, "options", "Options for the tumour board", decision.Suggestions.Where(s => s.Kind == RuleKind.Option && s.SupersededBy is null).ToList(),
            None("option", decision.CouldApply.Count(ca => ca.Kind == RuleKind.Option)));
        Suggestions(sb, "cautions", "Cautions", decision.Suggestions.Where(s => s.Kind == RuleKind.Caution && s.SupersededBy is null).ToList(),
            None("caution", decision.CouldApply.Count(ca => ca.Kind == RuleKind.Caution)));
        Superseded(sb, decision);
        DoseSchedules(sb, decision, patient);
        DecisionPath(sb, c);
        sb.Append("</main>\n<footer>\n<p>Decision support for discussion by the multidisciplinary tumour board, not an order. ")
            .Append("Classification: ESTRO/EORTC 2020 (Guckenberger et al., Lancet Oncol 2020). ")
            .Append("Unknown facts are shown as not recorded; they are never taken as absent.</p>\n</footer>\n</body>\n</html>\n");
        return sb.ToString();
    }

    /// <summary>The board's agenda: one row per case in the order given, with its state, the number of active options and cautions, and the number of missing facts that would change the answer.</summary>
    /// <param name="cases">The cases, in agenda order.</param>
    /// <returns>A complete HTML5 document linking to each case's page.</returns>
    /// <exception cref="ArgumentNullException">A null argument or entry.</exception>
    public static string WriteIndex(IEnumerable<ReportIndexEntry> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var list = cases.ToList();
        var sb = new StringBuilder(8 * 1024);
        Head(sb, "Tumour board agenda");
        sb.Append("<header class=\"page-head\">\n<p class=\"kicker\">Tumour board · OligoDecide decision support</p>\n<h1>Agenda</h1>\n<dl class=\"meta\">\n")
            .Append("<div><dt>Cases</dt><dd>").Append(Html.Num(list.Count)).Append("</dd></div>\n");
        var ruleSets = list.Select(e => e.Decision.RuleSet).Distinct().ToList();
        if (ruleSets.Count == 1)
        {
            RuleSetIdentity(sb, ruleSets[0]);
        }

        sb.Append("</dl>\n</header>\n<main>\n<section aria-labelledby=\"h-cases\">\n<h2 id=\"h-cases\">Cases</h2>\n")
            .Append("<table class=\"agenda\">\n<thead><tr><th scope=\"col\">#</th><th scope=\"col\">Case</th><th scope=\"col\">Assessed on</th><th scope=\"col\">State</th>")
            .Append("<th scope=\"col\" class=\"num\">Options</th><th scope=\"col\" class=\"num\">Cautions</th><th scope=\"col\" class=\"num\">Missing facts</th></tr></thead>\n<tbody>\n");
        for (var i = 0; i < list.Count; i++)
        {
            var e = list[i];
            ArgumentNullException.ThrowIfNull(e, nameof(cases));
            var d = e.Decision;
            var missing = MissingFacts(d).Count;
            sb.Append("<tr><td class=\"num\">").Append(Html.Num(i + 1)).Append("</td><th scope=\"row\"><a href=\"").Append(Html.Escape(e.Href)).Append("\">")
                .Append(Html.Escape(CaseId(e.Patient))).Append("</a></th><td><time datetime=\"").Append(Html.Date(e.Patient.AssessedOn)).Append("\">")
                .Append(Html.Date(e.Patient.AssessedOn)).Append("</time></td><td>").Append(StateBadge(d.Classification.State)).Append("</td><td class=\"num\">")
                .Append(Html.Num(Count(d, RuleKind.Option))).Append("</td><td class=\"num\">").Append(Html.Num(Count(d, RuleKind.Caution)))
                .Append("</td><td class=\"num").Append(missing > 0 ? " missing" : string.Empty).Append("\">")
                .Append(missing > 0 ? "⚠ " : string.Empty).Append(Html.Num(missing));
            if (ruleSets.Count > 1)
            {
                sb.Append(" <span class=\"small\">(rule set ").Append(Html.Escape(d.RuleSet.Id)).Append(' ').Append(Html.Escape(d.RuleSet.Version)).Append(")</span>");
            }

            sb.Append("</td></tr>\n");
        }

        sb.Append("</tbody>\n</table>\n<p class=\"small\">Options and cautions count the active suggestions (not superseded). Missing facts are those that would decide the state or an option that could apply; ⚠ marks cases with facts to complete before the board.</p>\n")
            .Append("</section>\n</main>\n<footer>\n<p>Decision support for discussion by the multidisciplinary tumour board, not an order.</p>\n</footer>\n</body>\n</html>\n");
        return sb.ToString();
    }

    /// <summary>
    /// The distinct facts of the case record (paths) that would change the answer: those the
    /// classification needs, then those undecided rules need, in first-seen order. Facts derived by
    /// OligoDecide itself (<c>classification.*</c>, or another rule's option) are not listed: they
    /// follow once the record facts are known.
    /// </summary>
    internal static IReadOnlyList<string> MissingFacts(Decision decision) =>
        decision.Classification.Missing.Concat(decision.CouldApply.SelectMany(c => c.Missing).Select(m => m.Fact))
            .Where(f => !IsDerived(f)).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>A fact OligoDecide derives rather than reads: the classification's outputs and other rules' options.</summary>
    private static bool IsDerived(string fact) =>
        fact.StartsWith("classification.", StringComparison.Ordinal) || fact.StartsWith("option ", StringComparison.Ordinal);

    /// <summary>What an empty list says: "none applies" only when nothing of that kind is undecided.</summary>
    private static string None(string kind, int undecided) => undecided == 0
        ? "No " + kind + " applies with the facts recorded."
        : "No " + kind + " is decided on the facts recorded; " + Html.Num(undecided) + " could apply once the facts under \u201CTo complete before the board\u201D are known.";

    private static int Count(Decision d, RuleKind kind) => d.Suggestions.Count(s => s.Kind == kind && s.SupersededBy is null);

    private static string CaseId(Patient patient) => string.IsNullOrWhiteSpace(patient.Id) ? "(no case id)" : patient.Id;

    private static void Head(StringBuilder sb, string title)
    {
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n")
            .Append("<meta name=\"referrer\" content=\"no-referrer\">\n")
            .Append("<meta name=\"generator\" content=\"OligoDecide\">\n")
            .Append("<title>").Append(Html.Escape(title)).Append("</title>\n<style>\n").Append(ReportStyle.Css).Append("</style>\n</head>\n<body>\n");
    }

    private static void RuleSetIdentity(StringBuilder sb, RuleSetInfo rs) =>
        sb.Append("<div><dt>Rule set</dt><dd>").Append(Html.Escape(rs.Id)).Append(' ').Append(Html.Escape(rs.Version))
            .Append(" <span class=\"sha\">sha256 <code>").Append(Html.Escape(rs.Sha256)).Append("</code></span></dd></div>\n");

    /// <summary>"repeat-oligoprogression" as "Repeat oligoprogression", with its id.</summary>
    private static string StateBadge(OligometastaticState state)
    {
        var id = state.Id();
        var words = id.Replace('-', ' ');
        return "<span class=\"state-badge st-" + id + "\">" + char.ToUpperInvariant(words[0]) + words[1..] + "</span> <code class=\"small\">" + id + "</code>";
    }

    private static void State(StringBuilder sb, ClassificationResult c)
    {
        sb.Append("<section id=\"state\" aria-labelledby=\"h-state\">\n<h2 id=\"h-state\">Oligometastatic state (ESTRO/EORTC 2020)</h2>\n<p class=\"state-line\">")
            .Append(StateBadge(c.State));
        if (c.Category != StateCategory.None)
        {
            sb.Append(" <span class=\"category\">category: ").Append(c.Category.Id()).Append("</span>");
        }

        sb.Append("</p>\n<p>");
        if (c.LesionCount is { } n && c.OrganCount is { } o)
        {
            sb.Append("Countable lesions: <strong>").Append(Html.Num(n)).Append("</strong> in <strong>").Append(Html.Num(o)).Append("</strong> organ")
                .Append(o == 1 ? string.Empty : "s").Append(" (mediastinal lymph nodes are not counted).");
        }
        else
        {
            sb.Append("Countable lesions: <em class=\"unknown\">not recorded</em>.");
        }

        sb.Append("</p>\n");
        if (c.Warnings.Count > 0)
        {
            sb.Append("<ul class=\"warnings\" aria-label=\"Points to weigh\">\n");
            foreach (var w in c.Warnings)
            {
                sb.Append("<li><span class=\"icon\" aria-hidden=\"true\">!</span> ").Append(Html.Escape(w)).Append("</li>\n");
            }

            sb.Append("</ul>\n");
        }

        sb.Append("</section>\n");
    }

    private static void ToComplete(StringBuilder sb, Decision d)
    {
        var facts = MissingFacts(d);
        var follow = d.CouldApply.Where(ca => ca.Missing.All(m => IsDerived(m.Fact))).ToList();
        var nothing = facts.Count == 0 && follow.Count == 0;
        sb.Append("<section id=\"to-complete\" class=\"to-complete").Append(nothing ? " complete" : string.Empty)
            .Append("\" aria-labelledby=\"h-complete\">\n<h2 id=\"h-complete\"><span class=\"icon\" aria-hidden=\"true\">").Append(nothing ? "✓" : "⚠")
            .Append("</span> To complete before the board</h2>\n");
        if (nothing)
        {
            sb.Append("<p>Nothing missing would change the answer: the state and every rule are decided on the facts recorded.</p>\n</section>\n");
            return;
        }

        if (facts.Count > 0)
        {
            sb.Append("<p>These facts are not recorded. Each would decide the state or an option, so the answer may change once they are known.</p>\n<ul>\n");
            foreach (var fact in facts)
            {
                sb.Append("<li><code class=\"fact\">").Append(Html.Escape(fact)).Append("</code>: ");
                var parts = new List<string>();
                if (d.Classification.Missing.Contains(fact, StringComparer.Ordinal))
                {
                    parts.Add("decides the oligometastatic state");
                }

                foreach (var ca in d.CouldApply)
                {
                    foreach (var m in ca.Missing.Where(m => m.Fact == fact))
                    {
                        parts.Add("<strong>" + Html.Escape(ca.Option) + "</strong> (" + KebabCase.Name(ca.Kind) + ") could apply if " + Html.Escape(m.Needed));
                    }
                }

                sb.Append(string.Join("; ", parts)).Append("</li>\n");
            }

            sb.Append("</ul>\n");
        }

        if (follow.Count > 0)
        {
            sb.Append("<p>Undecided until the state").Append(follow.Any(ca => ca.Missing.Any(m => m.Fact.StartsWith("option ", StringComparison.Ordinal))) ? " or another option" : string.Empty)
                .Append(" is decided: ");
            sb.Append(string.Join(", ", follow.Select(ca => "<strong>" + Html.Escape(ca.Option) + "</strong> (" + KebabCase.Name(ca.Kind) + ")"))).Append(".</p>\n");
        }

        sb.Append("</section>\n");
    }

    private static void Lesions(StringBuilder sb, Patient patient)
    {
        sb.Append("<section id=\"lesions\" aria-labelledby=\"h-lesions\">\n<h2 id=\"h-lesions\">Lesions by organ</h2>\n");
        var lesions = patient.Metastases?.Lesions;
        if (lesions is null)
        {
            sb.Append("<p><em class=\"unknown\">Lesions not recorded (unknown).</em></p>\n</section>\n");
            return;
        }

        if (lesions.Count == 0)
        {
            sb.Append("<p>No lesion recorded.</p>\n</section>\n");
            return;
        }

        sb.Append("<table class=\"lesions\">\n<thead><tr><th scope=\"col\">Organ</th><th scope=\"col\" class=\"num\">Lesions</th><th scope=\"col\">Counted</th><th scope=\"col\">Status</th><th scope=\"col\">Treatable</th><th scope=\"col\">Size (mm)</th></tr></thead>\n<tbody>\n");
        foreach (var group in lesions.GroupBy(l => l.Organ).OrderBy(g => g.Key is null ? int.MaxValue : (int)g.Key.Value))
        {
            var first = group.First();
            sb.Append("<tr><th scope=\"row\">").Append(group.Key is { } organ ? KebabCase.Name(organ) : "<em class=\"unknown\">organ not recorded</em>")
                .Append("</th><td class=\"num\">").Append(Html.Num(group.Count())).Append("</td><td>")
                .Append(first.IsCountable ? "yes" : "no <span class=\"small\">(regional)</span>").Append("</td><td>")
                .Append(Tally(group.Select(l => l.Status is { } s ? KebabCase.Name(s) : null))).Append("</td><td>")
                .Append(Tally(group.Select(l => l.Treatable switch { true => "yes", false => "no", null => null }))).Append("</td><td>")
                .Append(string.Join(", ", group.Select(l => l.SizeMm is { } mm ? Html.Num(mm) : "?"))).Append("</td></tr>\n");
        }

        sb.Append("</tbody>\n</table>\n<p class=\"small\">? = not recorded.</p>\n</section>\n");
    }

    /// <summary>"2 progressing, 1 not recorded", in first-seen order; unknown last and marked.</summary>
    private static string Tally(IEnumerable<string?> values)
    {
        var list = values.ToList();
        var parts = list.Where(v => v is not null).GroupBy(v => v!, StringComparer.Ordinal).Select(g => Html.Num(g.Count()) + " " + g.Key).ToList();
        var unknown = list.Count(v => v is null);
        if (unknown > 0)
        {
            parts.Add("<em class=\"unknown\">" + Html.Num(unknown) + " not recorded</em>");
        }

        return string.Join(", ", parts);
    }

    private static void CaseFacts(StringBuilder sb, Patient p)
    {
        sb.Append("<section id=\"facts\" aria-labelledby=\"h-facts\">\n<h2 id=\"h-facts\">Case facts</h2>\n<dl class=\"facts\">\n");
        Fact(sb, "Histology", p.Primary?.Histology is { } h ? KebabCase.Name(h) : null);
        Fact(sb, "Stage", p.Primary is { Stage: not null } || p.Primary is { StageGroup: not null }
            ? string.Join(" · ", new[] { p.Primary!.Stage, p.Primary.StageGroup is null ? null : "group " + p.Primary.StageGroup }.Where(x => x is not null))
            : null);
        if (p.Primary?.SclcExtent is { } extent)
        {
            Fact(sb, "SCLC extent", KebabCase.Name(extent));
        }

        Fact(sb, "Primary controlled", YesNo(p.Primary?.Controlled));
        Fact(sb, "ECOG", p.Ecog is { } e ? Html.Num(e) : null);
        Fact(sb, "PD-L1 TPS", p.Biomarkers?.Pdl1Tps is { } tps ? Html.Num(tps) + " %" : null);
        Fact(sb, "EGFR", p.Biomarkers?.Egfr is { } egfr ? Tested(KebabCase.Name(egfr)) : null);
        Fact(sb, "ALK", p.Biomarkers?.Alk is { } alk ? Tested(KebabCase.Name(alk)) : null);
        Fact(sb, "ROS1", p.Biomarkers?.Ros1 is { } ros1 ? Tested(KebabCase.Name(ros1)) : null);
        Fact(sb, "KRAS", p.Biomarkers?.Kras is { } kras ? Tested(KebabCase.Name(kras)) : null);
        Fact(sb, "Oligometastatic before", YesNo(p.History?.Oligometastatic));
        Fact(sb, "Polymetastatic before", YesNo(p.History?.Polymetastatic));
        Fact(sb, "Staging imaging", p.Metastases?.Imaging is { } im ? (im.Count == 0 ? "none recorded" : string.Join(", ", im.Select(KebabCase.Name))) : null);
        sb.Append("</dl>\n</section>\n");

        static string? YesNo(bool? b) => b switch { true => "yes", false => "no", null => null };

        // A marker's "unknown" value means tested without a usable result, which is not the same as not recorded.
        static string Tested(string value) => value == "unknown" ? "tested, no usable result" : value;
    }

    private static void Fact(StringBuilder sb, string name, string? value)
    {
        sb.Append("<div><dt>").Append(name).Append("</dt><dd>");
        if (value is null)
        {
            sb.Append("<em class=\"unknown\">not recorded</em>");
        }
        else
        {
            sb.Append(Html.Escape(value));
        }

        sb.Append("</dd></div>\n");
    }

    private static void Suggestions(StringBuilder sb, string id, string heading, IReadOnlyList<Suggestion> list, string none)
    {
        sb.Append("<section id=\"").Append(id).Append("\" aria-labelledby=\"h-").Append(id).Append("\">\n<h2 id=\"h-").Append(id).Append("\">").Append(heading)
            .Append(" <span class=\"count\">(").Append(Html.Num(list.Count)).Append(")</span></h2>\n");
        if (list.Count == 0)
        {
            sb.Append("<p>").Append(none).Append("</p>\n</section>\n");
            return;
        }

        sb.Append("<ol class=\"suggestions\">\n");
        foreach (var s in list)
        {
            sb.Append("<li class=\"card kind-").Append(KebabCase.Name(s.Kind)).Append("\">\n<h3><code class=\"option\">").Append(Html.Escape(s.Option)).Append("</code> ")
                .Append(Html.Escape(s.Title)).Append("</h3>\n<p>").Append(Html.Escape(s.Text)).Append("</p>\n");
            if (s.Doses.Count > 0)
            {
                sb.Append("<p class=\"dose\"><strong>Dose (rule):</strong> ").Append(Html.Escape(string.Join("; ", s.Doses.Select(x => x.ToString())))).Append("</p>\n");
            }

            if (s.Because.Count > 0)
            {
                sb.Append("<p class=\"because\"><strong>Because:</strong> ").Append(Html.Escape(string.Join("; ", s.Because.Select(r => r.ToString())))).Append("</p>\n");
            }

            if (s.Evidence.Count > 0)
            {
                sb.Append("<ul class=\"evidence\" aria-label=\"Evidence\">\n");
                foreach (var cit in s.Evidence)
                {
                    Citation(sb, cit);
                }

                sb.Append("</ul>\n");
            }

            sb.Append("</li>\n");
        }

        sb.Append("</ol>\n</section>\n");
    }

    /// <summary>The badge text for each study design: the words carry the meaning, the colour only repeats it.</summary>
    internal static string DesignLabel(EvidenceDesign design) => design switch
    {
        EvidenceDesign.Guideline => "Guideline",
        EvidenceDesign.MetaAnalysis => "Meta-analysis",
        EvidenceDesign.RctPhase3 => "Randomised phase 3",
        EvidenceDesign.RctPhase2 => "Randomised phase 2",
        EvidenceDesign.PooledAnalysis => "Pooled analysis",
        EvidenceDesign.SingleArmPhase2 => "Single-arm phase 2",
        EvidenceDesign.SubgroupAnalysis => "Subgroup analysis",
        EvidenceDesign.Retrospective => "Retrospective",
        EvidenceDesign.Preclinical => "Preclinical",
        EvidenceDesign.ConferenceAbstract => "Conference abstract",
        EvidenceDesign.Protocol => "Trial protocol",
        _ => KebabCase.Name(design),
    };

    private static void Citation(StringBuilder sb, Citation c)
    {
        sb.Append("<li><span class=\"badge ev-").Append(KebabCase.Name(c.Design)).Append("\">").Append(DesignLabel(c.Design)).Append("</span> ");
        if (c.Trial is not null)
        {
            sb.Append("<strong>").Append(Html.Escape(c.Trial)).Append("</strong> · ");
        }

        sb.Append(Html.Escape(c.FirstAuthor)).Append(" et al. ").Append(Html.Escape(c.Journal ?? c.Source)).Append(' ').Append(Html.Num(c.Year));
        if (c.N is { } n)
        {
            sb.Append(" · n=").Append(Html.Num(n));
        }

        if (c.Doi is { } doi)
        {
            sb.Append(" · <a href=\"https://doi.org/").Append(Html.Escape(doi)).Append("\">doi:").Append(Html.Escape(doi)).Append("</a>");
        }

        sb.Append("<br><span class=\"cite-title\">").Append(Html.Escape(c.Title)).Append("</span></li>\n");
    }

    private static void Superseded(StringBuilder sb, Decision d)
    {
        var superseded = d.Suggestions.Where(s => s.SupersededBy is not null).ToList();
        if (superseded.Count == 0)
        {
            return;
        }

        sb.Append("<section id=\"superseded\" aria-labelledby=\"h-superseded\">\n<h2 id=\"h-superseded\">Superseded</h2>\n<ul>\n");
        foreach (var s in superseded)
        {
            sb.Append("<li><code>").Append(Html.Escape(s.Option)).Append("</code> ").Append(Html.Escape(s.Title)).Append(" (superseded by <code>")
                .Append(Html.Escape(s.SupersededBy)).Append("</code>)</li>\n");
        }

        sb.Append("</ul>\n</section>\n");
    }

    /// <summary>
    /// Per-lesion dose schedules (section id <c>dose-schedules</c>): for each suggested option that carries
    /// schedule tables, a table with one row per treated lesion: its schedules with the source row and
    /// citation, or why it has none (a withholding caution, or the missing fact named: never a guessed dose).
    /// </summary>
    private static void DoseSchedules(StringBuilder sb, Decision decision, Patient patient)
    {
        _ = patient;
        sb.Append("<section id=\"dose-schedules\" aria-labelledby=\"h-dose\">\n<h2 id=\"h-dose\">Per-lesion dose schedules</h2>\n");
        if (decision.LesionPlans.Count == 0)
        {
            sb.Append("<p class=\"small\">No suggested option carries per-lesion schedules. Rule-level dose prescriptions are shown with each option above.</p>\n</section>\n");
            return;
        }

        sb.Append("<table class=\"lesions schedules\">\n<thead><tr><th scope=\"col\">Lesion</th><th scope=\"col\">Schedule</th><th scope=\"col\">Source row</th><th scope=\"col\" class=\"why\">Why</th></tr></thead>\n");
        // Options whose per-lesion result is the same (same lesions, rows, notes, missing facts) share one group.
        var groups = decision.LesionPlans.GroupBy(p => p.Option, StringComparer.Ordinal)
            .GroupBy(g => Signature(g), StringComparer.Ordinal)
            .Select(same => (Options: same.Select(g => g.Key).ToList(), Plans: same.First().ToList()));
        foreach (var (options, group) in groups)
        {
            sb.Append("<tbody>\n<tr class=\"group\"><th scope=\"rowgroup\" colspan=\"4\">").Append(string.Join(", ", options.Select(o => "<code>" + Html.Escape(o) + "</code>")))
                .Append(options.Count > 1 ? " each treat " : " treats ").Append(Html.Escape(TextOutput.TreatsText(group[0].Treats))).Append("</th></tr>\n");
            foreach (var p in group)
            {
                var lesion = Html.Escape(TextOutput.LesionLabel(p));
                foreach (var m in p.Schedules)
                {
                    var cite = m.Evidence.FirstOrDefault();
                    sb.Append("<tr><th scope=\"row\">").Append(lesion).Append("</th><td>").Append(Html.Escape(string.Join("; ", m.Doses.Select(d => d.ToString()))))
                        .Append("</td><td>").Append(Html.Escape(m.Title)).Append(cite is null ? string.Empty : " <span class=\"small\" title=\"" + Html.Escape(cite.ShortReference) + "\">(" + Html.Escape($"{cite.FirstAuthor} {cite.Year}") + ")</span>")
                        .Append("</td><td class=\"small why\">").Append(Html.Escape(string.Join("; ", m.Because.Select(r => r.ToString()))))
                        .Append(m.Note is null ? string.Empty : "<br>" + Html.Escape(m.Note)).Append("</td></tr>\n");
                }

                foreach (var c in p.Cautions)
                {
                    sb.Append("<tr class=\"caution\"><th scope=\"row\">").Append(lesion).Append("</th><td colspan=\"3\"><strong>").Append(p.Withheld ? "No schedule. " : string.Empty)
                        .Append("Caution: ").Append(Html.Escape(c.Title)).Append(".</strong> ").Append(Html.Escape(c.Note ?? string.Empty))
                        .Append(c.Evidence.FirstOrDefault() is { } ce ? " <span class=\"small\">(" + Html.Escape(ce.ShortReference) + ")</span>" : string.Empty).Append("</td></tr>\n");
                }
            }

            // Lesions without a schedule and not withheld: one line, each with what is missing (never a guessed dose).
            var none = group.Where(p => p.Schedules.Count == 0 && !p.Withheld).ToList();
            if (none.Count > 0)
            {
                sb.Append("<tr><th scope=\"row\">").Append(Html.Escape(string.Join(", ", none.Select(p => "#" + p.Lesion.ToString(System.Globalization.CultureInfo.InvariantCulture)))))
                    .Append("</th><td colspan=\"3\"><strong>No schedule.</strong> ");
                sb.Append(string.Join("; ", none.Select(p => Html.Escape(TextOutput.LesionLabel(p)) + ": " + (p.Missing.Count > 0
                    ? "<em class=\"unknown\">missing " + Html.Escape(string.Join(", ", p.Missing.Select(m => m.Fact[(m.Fact.LastIndexOf('.') + 1)..]).Distinct())) + "</em>"
                    : "no row of the cited tables applies"))));
                sb.Append("</td></tr>\n");
            }

            sb.Append("</tbody>\n");
        }

        sb.Append("</table>\n");
        sb.Append("</section>\n");
    }

    private static string Signature(IEnumerable<LesionPlan> plans) => string.Join("|", plans.Select(p =>
        $"{p.Treats}:{p.Lesion}:{p.Withheld}:" + string.Join(",", p.Schedules.Concat(p.Cautions).Select(m => m.Table + "/" + m.Row)) + ":" + string.Join(",", p.Missing.Select(m => m.Fact + "=" + m.Needed))));

    private static void DecisionPath(StringBuilder sb, ClassificationResult c)
    {
        sb.Append("<section id=\"path\" aria-labelledby=\"h-path\">\n<h2 id=\"h-path\">Decision path (ESTRO/EORTC 2020)</h2>\n<ol class=\"path\">\n");
        foreach (var step in c.Path)
        {
            var answer = step.Answer;
            var cls = answer switch { "yes" => "ans-yes", "no" => "ans-no", _ => "ans-unknown" };
            var glyph = answer switch { "yes" => "✓", "no" => "✗", _ => "?" };
            sb.Append("<li><span class=\"q\">").Append(Html.Escape(step.Question)).Append("</span> <span class=\"answer ").Append(cls).Append("\"><span aria-hidden=\"true\">")
                .Append(glyph).Append("</span> ").Append(Html.Escape(answer)).Append("</span><br><span class=\"basis\">because ").Append(Html.Escape(step.Basis)).Append("</span></li>\n");
        }

        sb.Append("</ol>\n</section>\n");
    }
}
