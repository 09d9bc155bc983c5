using System.Globalization;
using System.Text.RegularExpressions;
using OligoDecide.Model;
using OligoDecide.Output;
using CsCheck;
using OligoDecide.Rules;
using Snapshooter.NUnit;

namespace OligoDecide.Tests.Report;

public partial class ReportWriterTests
{
    private static readonly string DefaultSha = RuleSet.LoadDefault().Info.Sha256;

    // The hash changes with every rule edit and is asserted on its own below; snapshots keep to the page.
    private static string Masked(string html) => html.Replace(DefaultSha, "<sha256>", StringComparison.Ordinal);

    [TestCaseSource(typeof(ReportCases), nameof(ReportCases.Seeds))]
    public void Write_SeedCase_MatchesReviewedSnapshot(string seed) =>
        Snapshot.Match(Masked(ReportCases.Page(seed)));

    [Test]
    public void Write_Header_ShowsCaseIdAssessmentDateAndFullRuleSetIdentity()
    {
        var html = ReportCases.Page("repeat-oligoprogression-egfr-osimertinib");
        Assert.That(html, Does.Contain("<h1>Case <span class=\"case-id\">case-repeat-progression-01</span></h1>"));
        Assert.That(html, Does.Contain("<time datetime=\"2025-09-18\">2025-09-18</time>"));
        Assert.That(html, Does.Contain("oligodecide-default 0.2.0 <span class=\"sha\">sha256 <code>" + DefaultSha + "</code>"));
    }

    [Test]
    public void Write_AgeAndSex_DoNotAppearOnThePage()
    {
        var patient = ReportCases.Load("synchronous-pdl1-high-chemoio");
        var a = ReportCases.Page(patient with { AgeYears = 61, Sex = Sex.Male });
        var b = ReportCases.Page(patient with { AgeYears = 88, Sex = Sex.Female });
        Assert.That(a, Is.EqualTo(b), "age and sex identify; the page must not depend on them");
    }

    [Test]
    public void Write_SameInput_SameBytesWhateverTheCulture()
    {
        var patient = ReportCases.Load("repeat-oligoprogression-egfr-osimertinib") with
        {
            Radiotherapy = [new RadiotherapyCourse { Site = "L2 vertebra", DoseGy = 27.5m, Fractions = 5, StartedOn = new DateOnly(2024, 2, 5), StoppedOn = new DateOnly(2024, 2, 9) }],
        };
        var invariant = ReportCases.Page(patient);
        Assert.That(ReportCases.Page(patient), Is.EqualTo(invariant));

        var odd = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        odd.NumberFormat.NumberDecimalSeparator = ",";
        odd.NumberFormat.NumberGroupSeparator = ".";
        odd.DateTimeFormat.DateSeparator = "/";
        odd.DateTimeFormat.ShortDatePattern = "dd/MM/yyyy";
        var saved = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = odd;
            CultureInfo.CurrentUICulture = odd;
            Assert.That(ReportCases.Page(patient), Is.EqualTo(invariant));
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = saved;
        }

        Assert.That(invariant, Does.Contain("L2 vertebra · 27.5 Gy / 5 fx · 2024-02-05 to 2024-02-09"));
        Assert.That(invariant, Does.Not.Contain("\r"));
    }

    [Test]
    public void Escape_EveryMarkupCharacterAndControlCharacter()
    {
        Assert.That(Html.Escape("<a href=\"x\">R&D's</a>"), Is.EqualTo("&lt;a href=&quot;x&quot;&gt;R&amp;D&#39;s&lt;/a&gt;"));
        Assert.That(Html.Escape("bell\u0007\u001b[31m ≤ 5"), Is.EqualTo("bell\uFFFD\uFFFD[31m ≤ 5"));
        Assert.That(Html.Escape("plain text ≤ 5"), Is.EqualTo("plain text ≤ 5"));
        Assert.That(Html.Escape(null), Is.Empty);
    }

    [Test]
    public void Write_HostileCaseText_IsEscapedEverywhere()
    {
        var patient = ReportCases.Load("repeat-oligoprogression-egfr-osimertinib") with
        {
            Id = "<script>alert('id')</script>&\"",
            SystemicTherapies = [new SystemicTherapy { Name = "</text><script>evil()</script>", Kind = TherapyKind.EgfrTki, StartedOn = new DateOnly(2023, 11, 27) }],
            Radiotherapy = [new RadiotherapyCourse { Site = "<img src=x onerror=alert(1)>\u0007", DoseGy = 27, Fractions = 3, StartedOn = new DateOnly(2024, 2, 5) }],
            Primary = new PrimaryTumour { Histology = Histology.Adenocarcinoma, DiagnosedOn = new DateOnly(2023, 11, 6), Stage = "T1\"><b>x</b>" },
        };
        var decision = ReportCases.Engine.Evaluate(patient);
        var page = ReportWriter.Write(decision, patient);
        var index = ReportWriter.WriteIndex([new ReportIndexEntry("a\"onmouseover=\"x.html", patient, decision)]);
        foreach (var html in new[] { page, index })
        {
            Assert.That(html, Does.Not.Contain("<script"));
            Assert.That(html, Does.Not.Contain("<img"));
            Assert.That(html, Does.Not.Contain("<b>x"));
            Assert.That(html, Does.Not.Contain("\u0007"));
            Assert.That(html, Does.Contain("&lt;script&gt;alert(&#39;id&#39;)&lt;/script&gt;&amp;&quot;"));
        }

        Assert.That(page, Does.Contain("egfr-tki · &lt;/text&gt;&lt;script&gt;evil()&lt;/script&gt;"));
        Assert.That(page, Does.Contain("&lt;img src=x onerror=alert(1)&gt;\uFFFD"));
        Assert.That(index, Does.Contain("href=\"a&quot;onmouseover=&quot;x.html\""));
    }

    [Test]
    public void Write_HostileRuleSetAndCitationText_IsEscaped()
    {
        var (patient, real) = ReportCases.Evaluate("repeat-oligoprogression-egfr-osimertinib");
        var citation = new OligoDecide.Evidence.Citation
        {
            Id = "x", Title = "<i>t</i>", Authors = "O'Brien <b>", Journal = "J&J", Year = 2024, Design = OligoDecide.Evidence.EvidenceDesign.RctPhase3,
            Doi = "10.1/\"><script>x()</script>", Trial = "<u>T</u>",
        };
        var suggestion = new OligoDecide.Engine.Suggestion("r", RuleKind.Option, "opt<1>", "Title <em>", "Text & <p>", [new Dose(24, 3, "<target>")], [citation],
            [new OligoDecide.Engine.Reason("ecog ≤ 1 <", "ecog = 1 >")], null);
        var decision = real with
        {
            RuleSet = new RuleSetInfo("set<1>", "1.0\"", "t", "<sha>"),
            Suggestions = [suggestion],
            CouldApply = [new OligoDecide.Engine.CouldApply("c", RuleKind.Caution, "cau<2>", "t", [new OligoDecide.Engine.MissingFact("ecog<x>", "ecog ≤ 1 \"q\"")])],
        };
        var html = ReportWriter.Write(decision, patient);
        Assert.That(html, Does.Not.Contain("<script").And.Not.Contain("<i>").And.Not.Contain("<b>").And.Not.Contain("<u>").And.Not.Contain("<em>").And.Not.Contain("<target>").And.Not.Contain("<sha>"));
        Assert.That(html, Does.Contain("<a href=\"https://doi.org/10.1/&quot;&gt;&lt;script&gt;x()&lt;/script&gt;\">"));
        Assert.That(html, Does.Contain("set&lt;1&gt; 1.0&quot; <span class=\"sha\">sha256 <code>&lt;sha&gt;</code>"));
        Assert.That(html, Does.Contain("<code class=\"option\">opt&lt;1&gt;</code> Title &lt;em&gt;</h3>\n<p>Text &amp; &lt;p&gt;</p>"));
        Assert.That(html, Does.Contain("<code class=\"fact\">ecog&lt;x&gt;</code>: <strong>cau&lt;2&gt;</strong> (caution) could apply if ecog ≤ 1 &quot;q&quot;"));
        Assert.That(html, Does.Contain("O&#39;Brien et al. J&amp;J 2024"));
    }

    [GeneratedRegex("""<g class="tl-mark[^"]*" data-kind="(?<kind>[a-z]+)" data-date="(?<date>\d{4}-\d\d-\d\d)"[^>]*>.*?<line class="tl-anchor" x1="(?<x>[0-9.]+)" """)]
    private static partial Regex MarkPattern();

    private static List<(string Kind, DateOnly Date, double X)> Marks(string html) =>
        [.. MarkPattern().Matches(html).Select(m => (m.Groups["kind"].Value, DateOnly.ParseExact(m.Groups["date"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture), double.Parse(m.Groups["x"].Value, CultureInfo.InvariantCulture)))];

    [Test]
    public void Timeline_MarksSitAtXProportionalToTheirDates()
    {
        var marks = Marks(ReportCases.Page("synchronous-pdl1-high-chemoio"));
        Assert.That(marks.Select(m => (m.Kind, m.Date)), Is.EqualTo(new[]
        {
            ("primary", new DateOnly(2025, 9, 2)),
            ("metastases", new DateOnly(2025, 9, 10)),
            ("systemic", new DateOnly(2025, 9, 22)),
            ("systemic", new DateOnly(2025, 12, 15)),
            ("assessed", new DateOnly(2026, 1, 15)),
        }));

        // From the primary diagnosis (x = 190) to the assessment date (x = 930): 135 days over 740 units.
        var from = new DateOnly(2025, 9, 2).DayNumber;
        foreach (var (kind, date, x) in marks)
        {
            Assert.That(x, Is.EqualTo(190 + (740.0 * (date.DayNumber - from) / 135)).Within(0.01), kind);
        }

        Assert.That(marks.Select(m => m.X), Is.Ordered.Ascending);
        Assert.That(marks[^1].X, Is.EqualTo(930));
    }

    [GeneratedRegex("""data-from="(?<from>[0-9-]{10})" data-to="(?<to>[0-9-]{10})" """)]
    private static partial Regex ScalePattern();

    [Test]
    public void Timeline_GeneratedPatients_EveryMarkProportionalEarliestAtLeftAssessmentAtRight()
    {
        var patients = Reliability.GeneratedPatients.Make(200, 17);
        Gen.Int[0, patients.Count - 1].Sample(i =>
        {
            var patient = patients[i].Patient;
            var html = ReportCases.Page(patient);
            var scale = ScalePattern().Match(html);
            var from = DateOnly.ParseExact(scale.Groups["from"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var to = DateOnly.ParseExact(scale.Groups["to"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var marks = Marks(html);
            var span = Math.Max(1, to.DayNumber - from.DayNumber);
            return to == patient.AssessedOn
                && marks.Count >= 1
                && marks.Min(m => m.Date) == from
                && marks.All(m => Math.Abs(m.X - (190 + (740.0 * (m.Date.DayNumber - from.DayNumber) / span))) < 0.01)
                && marks.All(m => m.X >= 190 && m.X <= 930);
        }, iter: 100);
    }

    [Test]
    public void Timeline_OngoingTherapyRunsToTheAssessmentDateWithAnArrow_UnknownStopIsDrawnApart()
    {
        var patient = ReportCases.Load("repeat-oligoprogression-egfr-osimertinib") with
        {
            Radiotherapy = [new RadiotherapyCourse { Site = "T9 vertebra", DoseGy = 24, Fractions = 3, StartedOn = new DateOnly(2024, 6, 3) }],
        };
        var html = ReportCases.Page(patient);
        var ongoing = Regex.Match(html, """<g class="tl-mark tl-systemic tl-ongoing" data-kind="systemic" data-date="2023-11-27" data-end="ongoing">.*?<rect x="(?<x>[0-9.]+)" y="[0-9.]+" width="(?<w>[0-9.]+)".*?</g>""");
        Assert.That(ongoing.Success, Is.True, "the ongoing osimertinib bar");
        var x = double.Parse(ongoing.Groups["x"].Value, CultureInfo.InvariantCulture);
        var w = double.Parse(ongoing.Groups["w"].Value, CultureInfo.InvariantCulture);
        Assert.That(x + w, Is.EqualTo(930).Within(0.01), "an ongoing bar ends at the assessment date");
        Assert.That(ongoing.Value, Does.Contain("class=\"tl-arrow\"").And.Contain("2023-11-27 to ongoing"));

        var unknown = Regex.Match(html, """<g class="tl-mark tl-radiotherapy tl-stop-unknown" data-kind="radiotherapy" data-date="2024-06-03" data-end="stop-unknown">.*?</g>""");
        Assert.That(unknown.Success, Is.True, "the radiotherapy course without a stop date");
        Assert.That(unknown.Value, Does.Contain("class=\"tl-unknown\">?</text>").And.Contain("2024-06-03 to stop unknown"));
    }

    [Test]
    public void Timeline_EventsWithoutADate_AreListedNotDrawn()
    {
        var patient = ReportCases.Load("repeat-oligoprogression-egfr-osimertinib") with
        {
            SystemicTherapies = [new SystemicTherapy { Name = "osimertinib", Kind = TherapyKind.EgfrTki, StoppedOn = new DateOnly(2020, 1, 1) }],
            Primary = new PrimaryTumour { Histology = Histology.Adenocarcinoma },
        };
        var html = ReportCases.Page(patient);
        Assert.That(Marks(html).Select(m => m.Kind), Is.EqualTo(new[] { "metastases", "radiotherapy", "progression", "assessed" }));
        Assert.That(html, Does.Contain("Not on the timeline, date not recorded:</strong> primary diagnosis; systemic therapy egfr-tki (start date)."));
        Assert.That(html, Does.Contain("data-from=\"2024-02-05\""), "the stop date of an undrawn therapy does not stretch the scale");
    }

    [Test]
    public void ToComplete_IndeterminateCase_ListsTheRecordFactsThatDecideTheState()
    {
        var (patient, decision) = ReportCases.Evaluate("indeterminate-missing-history");
        var html = ReportWriter.Write(decision, patient);
        var section = Regex.Match(html, "<section id=\"to-complete\" class=\"to-complete\".*?</section>", RegexOptions.Singleline).Value;
        Assert.That(section, Does.Contain("<code class=\"fact\">history.oligometastatic</code>: decides the oligometastatic state"));
        Assert.That(section, Does.Contain("<code class=\"fact\">history.polymetastatic</code>: decides the oligometastatic state"));
        Assert.That(section, Does.Not.Contain("<code class=\"fact\">classification."), "derived facts follow from the state; they are not for the coordinator to complete");
        // Every possible state is oligometastatic, so mdt-discussion is decided; sabr-all-metastases holds in only some of them.
        Assert.That(section, Does.Contain("Undecided until the state or another option is decided: <strong>chemo-immunotherapy-first-line-non-squamous</strong> (option), <strong>sabr-all-metastases</strong> (option)"));
        Assert.That(ReportWriter.MissingFacts(decision), Is.EqualTo(new[] { "history.oligometastatic", "history.polymetastatic" }));
        Assert.That(html, Does.Contain("<h2 id=\"h-options\">Options for the tumour board <span class=\"count\">(1)</span></h2>"),
            "the option every possible state leads to is decided");
        Assert.That(html, Does.Contain("<p>No caution is decided on the facts recorded; 1 could apply"));
    }

    [Test]
    public void ToComplete_DecidedCase_SaysNothingIsMissing()
    {
        var html = ReportCases.Page("repeat-oligoprogression-egfr-osimertinib");
        Assert.That(html, Does.Contain("<section id=\"to-complete\" class=\"to-complete complete\""));
        Assert.That(html, Does.Contain("Nothing missing would change the answer"));
    }

    [Test]
    public void ToComplete_UnknownEgfr_NamesTheOptionsItWouldDecide()
    {
        // Untreated liver case: chemo-immunotherapy's "no actionable driver" is then the deciding fact.
        var patient = ReportCases.Load("rule-chemo-immunotherapy-liver-metastases-fires");
        patient = patient with { Biomarkers = patient.Biomarkers! with { Egfr = null } };
        var decision = ReportCases.Engine.Evaluate(patient);
        var html = ReportWriter.Write(decision, patient);
        Assert.That(decision.CouldApply.SelectMany(c => c.Missing).Select(m => m.Fact), Does.Contain("biomarkers.actionableDriver"), "precondition: an unknown EGFR leaves the driver status unknown");
        Assert.That(html, Does.Match("<li><code class=\"fact\">biomarkers.actionableDriver</code>: <strong>[a-z0-9-]+</strong> \\(option\\) could apply if biomarkers.actionableDriver = false"));
        Assert.That(html, Does.Contain("<div><dt>EGFR</dt><dd><em class=\"unknown\">not recorded</em></dd></div>"));
        Assert.That(html, Does.Contain("<section id=\"to-complete\" class=\"to-complete\""));
    }

    [Test]
    public void Evidence_ShowsADesignBadgeAndADoiLinkPerCitation()
    {
        var (patient, decision) = ReportCases.Evaluate("synchronous-pdl1-high-chemoio");
        var html = ReportWriter.Write(decision, patient);
        var citations = decision.Suggestions.Where(s => s.SupersededBy is null).SelectMany(s => s.Evidence).ToList();
        Assert.That(citations, Is.Not.Empty);
        foreach (var c in citations)
        {
            Assert.That(html, Does.Contain("<span class=\"badge ev-" + OligoDecide.Documents.KebabCase.Name(c.Design) + "\">" + ReportWriter.DesignLabel(c.Design) + "</span>"));
            if (c.Doi is { } doi)
            {
                Assert.That(html, Does.Contain("<a href=\"https://doi.org/" + doi + "\">doi:" + doi + "</a>"));
            }
        }

        Assert.That(html, Does.Contain(">Randomised phase 2</span>").And.Contain(">Conference abstract</span>").And.Contain(">Guideline</span>"));
    }

    [Test]
    public void Lesions_GroupedByOrgan_MediastinalNodesNotCounted()
    {
        var html = ReportCases.Page("synchronous-pdl1-high-chemoio");
        Assert.That(html, Does.Contain("<tr><th scope=\"row\">lymph-node-mediastinal</th><td class=\"num\">1</td><td>no <span class=\"small\">(regional)</span></td><td>1 responding</td><td>1 yes</td><td>16</td></tr>"));
        Assert.That(html, Does.Contain("<tr><th scope=\"row\">adrenal</th><td class=\"num\">1</td><td>yes</td>"));
    }

    [Test]
    public void Page_IsSelfContained_NoScriptNoExternalResource()
    {
        foreach (var seed in ReportCases.Seeds)
        {
            var html = ReportCases.Page(seed);
            Assert.That(html, Does.Not.Contain("<script").And.Not.Contain("<link").And.Not.Contain("src=").And.Not.Contain("@import").And.Not.Contain("url(http"));
            Assert.That(html, Does.Contain("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"));
            Assert.That(Regex.Matches(html, "href=\"(?!https://doi\\.org/10\\.)").Count, Is.Zero, seed + ": the only links are DOIs");
            Assert.That(html, Does.Contain("<section id=\"dose-schedules\""), "the hook for per-lesion dose schedules");
        }
    }

    [Test]
    public void Index_ListsEachCaseWithStateOptionsCautionsAndMissingFacts()
    {
        var entries = new[] { "synchronous-pdl1-high-chemoio", "indeterminate-missing-history" }
            .Select(s => ReportCases.Evaluate(s)).Select((e, i) => new ReportIndexEntry("case-" + i + ".html", e.Patient, e.Decision)).ToList();
        var html = ReportWriter.WriteIndex(entries);
        var rows = Regex.Matches(html, "<tr><td class=\"num\">.*?</tr>").Select(m => m.Value).ToList();
        Assert.That(rows, Has.Count.EqualTo(2));
        Assert.That(rows[0], Does.Contain("<a href=\"case-0.html\">case-synchronous-pdl1-02</a>").And.Contain("Synchronous oligometastatic")
            .And.Contain("<td class=\"num\">2</td><td class=\"num\">2</td><td class=\"num\">0</td>"), "options, cautions (NRG-LU002 and the OligoCare checkpoint-inhibitor timing), missing facts");
        Assert.That(rows[1], Does.Contain("<a href=\"case-1.html\">case-indeterminate-01</a>").And.Contain("Indeterminate")
            .And.Contain("<td class=\"num\">1</td><td class=\"num\">0</td><td class=\"num missing\">⚠ 2</td>"));
        Assert.That(html, Does.Contain(DefaultSha));
    }
}
