using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using OligoDecide.Output;
using PuppeteerSharp;
using PuppeteerSharp.Media;

namespace OligoDecide.Tests.Report;

/// <summary>
/// The tumour-board page as a person sees it, in a real headless Chromium: the system's package
/// (Debian <c>chromium</c>, which .ci/run installs when absent), driven by PuppeteerSharp. No browser
/// is downloaded. Without Chromium the tests are ignored locally and fail when
/// <c>OLIGODECIDE_REQUIRE_BROWSER=1</c> (set by .ci/run), so CI cannot skip them silently.
/// Screenshots and PDFs are kept in the test work folder under <c>report-browser/</c> for a look.
/// </summary>
[Category("Browser")]
[NonParallelizable]
public partial class ReportBrowserTests
{
    private static readonly string[] ChromiumFlags =
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"];

    private IBrowser browser = null!;
    private string folder = null!;

    internal static string? FindChromium()
    {
        var candidates = new[] { Environment.GetEnvironmentVariable("OLIGODECIDE_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser" };
        return candidates.FirstOrDefault(p => !string.IsNullOrEmpty(p) && File.Exists(p));
    }

    [OneTimeSetUp]
    public async Task StartBrowser()
    {
        var chromium = FindChromium();
        if (chromium is null)
        {
            const string why = "Chromium is not installed (apt-get install -y chromium); the browser tests need it.";
            if (Environment.GetEnvironmentVariable("OLIGODECIDE_REQUIRE_BROWSER") == "1")
            {
                Assert.Fail(why);
            }

            Assert.Ignore(why);
        }

        folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, "report-browser");
        Directory.CreateDirectory(folder);
        foreach (var seed in ReportCases.Seeds)
        {
            await File.WriteAllTextAsync(Path.Combine(folder, seed + ".html"), ReportCases.Page(seed), new UTF8Encoding(false));
        }

        browser = await Puppeteer.LaunchAsync(new LaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ChromiumFlags,
            Timeout = 60_000,
        });
    }

    [OneTimeTearDown]
    public async Task StopBrowser()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
            await browser.DisposeAsync();
        }
    }

    private sealed record Loaded(IPage Page, List<string> Errors, List<string> Requests);

    private async Task<Loaded> OpenAsync(string seed, int width = 1280)
    {
        var page = await browser.NewPageAsync();
        var errors = new List<string>();
        var requests = new List<string>();
        page.Console += (_, e) =>
        {
            if (e.Message.Type is ConsoleType.Error or ConsoleType.Warning)
            {
                errors.Add(e.Message.Type + ": " + e.Message.Text);
            }
        };
        page.PageError += (_, e) => errors.Add("page error: " + e.Message);
        page.RequestFailed += (_, e) => errors.Add("request failed: " + e.Request.Url);
        page.Request += (_, e) => requests.Add(e.Request.Url);
        await page.SetViewportAsync(new ViewPortOptions { Width = width, Height = 900 });
        var url = new Uri(Path.Combine(folder, seed + ".html")).AbsoluteUri;
        var response = await page.GoToAsync(url, WaitUntilNavigation.Load);
        Assert.That(response?.Ok, Is.True, "the page loads");
        return new Loaded(page, errors, requests);
    }

    [TestCaseSource(typeof(ReportCases), nameof(ReportCases.Seeds))]
    public async Task Page_LoadsWithoutConsoleErrorOrAnyOtherRequest(string seed)
    {
        var loaded = await OpenAsync(seed);
        await using var page = loaded.Page;
        Assert.That(loaded.Errors, Is.Empty);
        Assert.That(loaded.Requests, Has.Count.EqualTo(1), "self-contained: the page itself is the only request");
        Assert.That(await page.GetTitleAsync(), Does.StartWith("Case case-"));
        var headings = await page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('h2')].map(h => h.textContent.trim())");
        Assert.That(headings, Does.Contain("Disease timeline").And.Contain("Decision path (ESTRO/EORTC 2020)").And.Some.StartsWith("Options for the tumour board"));
        var svgLabel = await page.EvaluateExpressionAsync<string>("(() => { const s = document.querySelector('svg[role=img]'); return s.getAttribute('aria-labelledby').split(' ').map(id => document.getElementById(id).textContent).join(' | '); })()");
        Assert.That(svgLabel, Does.StartWith("Disease timeline from ").And.Contain("assessed "));
    }

    [TestCaseSource(typeof(ReportCases), nameof(ReportCases.Seeds))]
    public async Task Screenshot_IsNotBlank(string seed)
    {
        var loaded = await OpenAsync(seed);
        await using var page = loaded.Page;
        var png = await page.ScreenshotDataAsync(new ScreenshotOptions { FullPage = true, Type = ScreenshotType.Png });
        var file = Path.Combine(folder, seed + ".png");
        await File.WriteAllBytesAsync(file, png);
        TestContext.AddTestAttachment(file);

        var (width, height, rgb) = Png.Decode(png);
        Assert.That(width, Is.EqualTo(1280));
        Assert.That(height, Is.GreaterThan(900), "the page is longer than one screen");
        int dark = 0, coloured = 0;
        var colours = new HashSet<int>();
        for (var i = 0; i < rgb.Length; i += 3)
        {
            int r = rgb[i], g = rgb[i + 1], b = rgb[i + 2];
            colours.Add((r << 16) | (g << 8) | b);
            if (r + g + b < 300)
            {
                dark++;
            }

            if (Math.Max(r, Math.Max(g, b)) - Math.Min(r, Math.Min(g, b)) > 40)
            {
                coloured++;
            }
        }

        var pixels = width * height;
        Assert.That(dark, Is.GreaterThan(pixels / 200), "text and marks are drawn");
        Assert.That(coloured, Is.GreaterThan(pixels / 1000), "the timeline and badges have colour");
        Assert.That(colours, Has.Count.GreaterThan(50), "not a flat image");
    }

    [TestCaseSource(typeof(ReportCases), nameof(ReportCases.Seeds))]
    public async Task Timeline_MarksRenderInDateOrderAtXProportionalToTheDates(string seed)
    {
        var loaded = await OpenAsync(seed);
        await using var page = loaded.Page;

        // Read what the browser laid out: each mark's anchor line in CSS pixels, and the screen x of the
        // plot's two ends (the SVG's first and last dates) through the SVG's own transform.
        var json = await page.EvaluateExpressionAsync<string>("""
            (() => {
              const svg = document.querySelector('figure.timeline svg');
              const m = svg.getScreenCTM();
              const px = u => { const p = svg.createSVGPoint(); p.x = u; p.y = 0; return p.matrixTransform(m).x; };
              const marks = [...svg.querySelectorAll('g.tl-mark')].map(g => ({ date: g.dataset.date, x: g.querySelector('line.tl-anchor').getBoundingClientRect().left }));
              return JSON.stringify({ from: svg.dataset.from, to: svg.dataset.to, left: px(+svg.dataset.plotLeft), right: px(+svg.dataset.plotRight), width: svg.getBoundingClientRect().width, marks });
            })()
            """);
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        var root = doc.RootElement;
        var from = Day(root.GetProperty("from").GetString()!);
        var to = Day(root.GetProperty("to").GetString()!);
        double left = root.GetProperty("left").GetDouble(), right = root.GetProperty("right").GetDouble();
        Assert.That(root.GetProperty("width").GetDouble(), Is.GreaterThan(800), "the timeline spans the page width");
        var marks = root.GetProperty("marks").EnumerateArray().Select(m => (Day: Day(m.GetProperty("date").GetString()!), X: m.GetProperty("x").GetDouble())).ToList();
        Assert.That(marks, Has.Count.GreaterThanOrEqualTo(3), "primary or metastasis diagnosis, a therapy or progression, and the assessment date");
        Assert.That(marks.Select(m => m.Day), Does.Contain(to), "the assessment date is marked");

        var byDate = marks.OrderBy(m => m.Day).ThenBy(m => m.X).ToList();
        for (var i = 1; i < byDate.Count; i++)
        {
            Assert.That(byDate[i].X, Is.GreaterThanOrEqualTo(byDate[i - 1].X - 0.5), "a later date is not drawn left of an earlier one");
        }

        foreach (var (day, x) in marks)
        {
            var expected = left + ((right - left) * (day - from) / Math.Max(1, to - from));
            Assert.That(x, Is.EqualTo(expected).Within(1.0), "x proportional to the date for day " + day.ToString(CultureInfo.InvariantCulture));
        }
    }

    [GeneratedRegex(@"/Type\s*/Page(?![a-zA-Z])")]
    private static partial Regex PdfPageObject();

    [GeneratedRegex(@"/MediaBox\s*\[\s*0\s+0\s+(?<w>[0-9.]+)\s+(?<h>[0-9.]+)\s*\]")]
    private static partial Regex PdfMediaBox();

    [TestCaseSource(typeof(ReportCases), nameof(ReportCases.Seeds))]
    public async Task PrintToPdf_GivesOneOrTwoA4Pages(string seed)
    {
        var loaded = await OpenAsync(seed);
        await using var page = loaded.Page;
        await page.EmulateMediaTypeAsync(MediaType.Print);
        var pdf = await page.PdfDataAsync(new PdfOptions { Format = PaperFormat.A4, PrintBackground = true, PreferCSSPageSize = true });
        var file = Path.Combine(folder, seed + ".pdf");
        await File.WriteAllBytesAsync(file, pdf);
        TestContext.AddTestAttachment(file);

        var text = Encoding.Latin1.GetString(pdf);
        var pages = PdfPageObject().Matches(text).Count;
        TestContext.Out.WriteLine($"{seed}: {pages} page(s), {pdf.Length} bytes");
        Assert.That(pages, Is.InRange(1, 2), "a board page prints on one or two A4 sheets");
        var box = PdfMediaBox().Match(text);
        Assert.That(box.Success, Is.True, "the page size is written");
        Assert.That((double.Parse(box.Groups["w"].Value, CultureInfo.InvariantCulture), double.Parse(box.Groups["h"].Value, CultureInfo.InvariantCulture)),
            Is.EqualTo((595.0, 842.0)).Using<(double, double)>((a, b) => Math.Abs(a.Item1 - b.Item1) < 1 && Math.Abs(a.Item2 - b.Item2) < 1), "A4 is 595 x 842 pt");
    }

    [Test]
    public async Task Agenda_LinksOpenTheCasePages()
    {
        var entries = ReportCases.Seeds.Select(s => (Seed: s, Case: ReportCases.Evaluate(s))).Select(e => new ReportIndexEntry(e.Seed + ".html", e.Case.Patient, e.Case.Decision));
        await File.WriteAllTextAsync(Path.Combine(folder, "index.html"), ReportWriter.WriteIndex(entries), new UTF8Encoding(false));
        var loaded = await OpenAsync("index");
        await using var page = loaded.Page;
        Assert.That(loaded.Errors, Is.Empty);
        var rows = await page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('table.agenda tbody tr')].map(r => r.innerText.replace(/\\s+/g, ' ').trim())");
        Assert.That(rows, Has.Length.EqualTo(ReportCases.Seeds.Length));
        Assert.That(rows[2], Does.Contain("case-indeterminate-01").And.Contain("Indeterminate").And.EndWith("1 0 ⚠ 2"));
        await page.ClickAsync("table.agenda tbody tr:nth-child(2) a");
        await page.WaitForSelectorAsync("h1 .case-id");
        Assert.That(await page.EvaluateExpressionAsync<string>("document.querySelector('h1 .case-id').textContent"), Is.EqualTo("case-repeat-progression-01"));
    }

    private static int Day(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture).DayNumber;
}
