using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace OligoDecide.CdsHooks.Tests;

/// <summary>Issue 13 items 6 and 7: what the client could not prefetch is fetched or refused, never taken as "nothing".</summary>
public sealed class PrefetchCaseTests
{
    private const string Endpoint = "/cds-services/oligodecide-patient-view";
    private const string Ehr = "https://ehr.example/fhir";
    private CdsHooksFactory factory = null!;
    private readonly List<string> seen = [];

    [SetUp]
    public void SetUp()
    {
        factory = new CdsHooksFactory();
        factory.Settings["CdsHooks:TrustedClients:0:FhirServers:1"] = Ehr;
        seen.Clear();
    }

    [TearDown]
    public void TearDown() => factory.Dispose();

    [Test]
    public async Task Case05_ConditionsOperationOutcome_NoServerToAsk_Is412()
    {
        var body = Case("05-cds-conditions-operationoutcome");
        body.Remove("fhirServer");
        var (status, json) = await Post(body);
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.PreconditionFailed));
            Assert.That(json["detail"]!.GetValue<string>(), Does.Contain("prefetch.conditions is an OperationOutcome"));
        });
    }

    [Test]
    public async Task Case05_ConditionsOperationOutcome_FetchedFromTheServer_DecidesOnTheFetchedConditions()
    {
        factory.FhirServer = Serve(r => r.PathAndQuery == "/fhir/Condition?patient=p1" ? Searchset(null, Condition("prim", "254637007", null), Condition("met1", "94225005", "12738006")) : null);
        var (status, json) = await Post(Case("05-cds-conditions-operationoutcome"));
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK), json.ToJsonString());
            Assert.That(seen, Is.EqualTo(new[] { "/fhir/Condition?patient=p1" }), "only the failed key is fetched");
            Assert.That(Summaries(json), Has.Some.StartsWith("ESTRO/EORTC state: synchronous-oligometastatic"));
            Assert.That(Summaries(json), Has.None.Contains("no-metastatic-disease"));
        });
    }

    [Test]
    public async Task Case07_NextLinkFollowed_AllFiveConditionsCounted_Polymetastatic()
    {
        factory.FhirServer = Serve(r => r.PathAndQuery == "/fhir/Condition?patient=p1&_page=2"
            ? Searchset(null, Condition("met2", "128462008", "10200004"), Condition("met3", "128462008", "23451007"), Condition("met4", "128462008", "272673000"))
            : null);
        var (status, json) = await Post(Case("07-cds-conditions-paginated"));
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK), json.ToJsonString());
            Assert.That(seen, Is.EqualTo(new[] { "/fhir/Condition?patient=p1&_page=2" }));
            Assert.That(Summaries(json), Has.Some.StartsWith("ESTRO/EORTC state: polymetastatic"));
        });
    }

    [Test]
    public async Task Case07_NextLinkWithNoAllowedServer_Is412NotAHalfCount()
    {
        var body = Case("07-cds-conditions-paginated");
        body["fhirServer"] = "https://elsewhere.example/fhir";
        var (status, json) = await Post(body);
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.PreconditionFailed));
            Assert.That(json["detail"]!.GetValue<string>(), Does.Contain("more pages"));
            Assert.That(seen, Is.Empty);
        });
    }

    [Test]
    public async Task Case07_NextLinkToAnotherHost_IsNotFetched()
    {
        var body = Case("07-cds-conditions-paginated");
        body["prefetch"]!["conditions"]!["link"]![1]!["url"] = "https://attacker.example/fhir/Condition?patient=p1&_page=2";
        factory.FhirServer = Serve(_ => Searchset(null));
        var (status, _) = await Post(body);
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.PreconditionFailed));
            Assert.That(seen, Is.Empty);
        });
    }

    [Test]
    public async Task Case11_OnsetWrittenWithAnOffsetEastOfUtc_ProblemDetailsEchoNoPatientDate()
    {
        // Whatever the mapper decides about the instant, the service's answer never carries a patient date.
        var (_, json) = await Post(Case("11-cds-onset-offset-ahead-of-utc"));
        Assert.That(json.ToJsonString(), Does.Not.Contain("2026-11-30"));
    }

    [Test]
    public async Task Case11_OnsetAMinuteAgoWrittenAtPlus14_IsAnsweredNotRefusedAsFuture()
    {
        // The case's instant, moved to a minute ago and written in the clinic's local time at +14:00: after 10:00 UTC
        // its calendar date is tomorrow's, which the service used to refuse as "after the assessment date".
        var body = Case("11-cds-onset-offset-ahead-of-utc");
        var onset = DateTimeOffset.UtcNow.AddMinutes(-1).ToOffset(TimeSpan.FromHours(14));
        body["prefetch"]!["conditions"]!["entry"]![1]!["resource"]!["onsetDateTime"] = onset.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
        var (status, json) = await Post(body);
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK), json.ToJsonString());
            Assert.That(Summaries(json), Has.Some.StartsWith("ESTRO/EORTC state: synchronous-oligometastatic"));
        });
    }

    [Test]
    public async Task Case19_PrefetchAboutAnotherPatient_Is422AndNoAdvice()
    {
        var (status, json) = await Post(Case("19-cds-prefetch-other-patient"));
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(json["detail"]!.GetValue<string>(), Does.Contain("other than context.patientId"));
            Assert.That(json["cards"], Is.Null);
        });
    }

    [Test]
    public async Task Case19_OnlyAConditionOfAnotherPatient_Is422()
    {
        var body = Case("19-cds-prefetch-other-patient");
        body["context"]!["patientId"] = "p1";
        body["prefetch"]!["conditions"]!["entry"]![1]!["resource"]!["subject"]!["reference"] = "Patient/p2";
        var (status, _) = await Post(body);
        Assert.That(status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
    }

    [Test]
    public async Task NoLungCancer_AnswersAnEmptyCardList()
    {
        var body = Case("19-cds-prefetch-other-patient");
        body["context"]!["patientId"] = "p1";
        body["prefetch"]!["conditions"] = Searchset(null, Condition("dm", "44054006", null));
        var (status, json) = await Post(body);
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(json.ToJsonString(), Is.EqualTo("""{"cards":[]}"""));
        });
    }

    [Test]
    public async Task MappingWarnings_AppearOnTheStateCard()
    {
        var body = JsonNode.Parse(PatientViewTests.Request("unmapped-codes.json"))!.AsObject();
        var (status, json) = await Post(body);
        var first = json["cards"]![0]!;
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK), json.ToJsonString());
            Assert.That(first["indicator"]!.GetValue<string>(), Is.EqualTo("warning"));
            Assert.That(first["detail"]!.GetValue<string>(), Does.Contain("The record was read with"));
        });
    }

    private static JsonObject Case(string name)
    {
        var text = File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "Cases", name + ".json"))
            .Replace("http://ehr.example/fhir", Ehr, StringComparison.Ordinal);
        return JsonNode.Parse(text)!.AsObject();
    }

    private Func<HttpRequestMessage, HttpResponseMessage> Serve(Func<Uri, JsonObject?> answer) => r =>
    {
        seen.Add(r.RequestUri!.PathAndQuery);
        var json = answer(r.RequestUri!);
        return json is null
            ? new HttpResponseMessage(HttpStatusCode.NotFound)
            : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json.ToJsonString(), Encoding.UTF8, "application/fhir+json") };
    };

    private static JsonObject Searchset(string? next, params JsonObject[] resources)
    {
        var bundle = new JsonObject
        {
            ["resourceType"] = "Bundle",
            ["type"] = "searchset",
            ["entry"] = new JsonArray([.. resources.Select(r => (JsonNode)new JsonObject { ["resource"] = r })]),
        };
        if (next is not null)
        {
            bundle["link"] = new JsonArray(new JsonObject { ["relation"] = "next", ["url"] = next });
        }

        return bundle;
    }

    /// <summary>A confirmed, active Condition of p1 with a SNOMED CT code and, for a metastasis, its body site.</summary>
    private static JsonObject Condition(string id, string code, string? site)
    {
        var c = new JsonObject
        {
            ["resourceType"] = "Condition",
            ["id"] = id,
            ["clinicalStatus"] = new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["system"] = "http://terminology.hl7.org/CodeSystem/condition-clinical", ["code"] = "active" }) },
            ["verificationStatus"] = new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["system"] = "http://terminology.hl7.org/CodeSystem/condition-ver-status", ["code"] = "confirmed" }) },
            ["code"] = new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["system"] = "http://snomed.info/sct", ["code"] = code }) },
            ["subject"] = new JsonObject { ["reference"] = "Patient/p1" },
            ["onsetDateTime"] = id == "prim" ? "2025-01-10" : "2025-01-20",
        };
        if (site is not null)
        {
            c["bodySite"] = new JsonArray(new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["system"] = "http://snomed.info/sct", ["code"] = site }) });
        }

        return c;
    }

    private static List<string> Summaries(JsonNode json) => [.. json["cards"]!.AsArray().Select(c => c!["summary"]!.GetValue<string>())];

    private async Task<(HttpStatusCode Status, JsonNode Json)> Post(JsonObject body)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", factory.Token());
        var response = await client.SendAsync(request);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }
}
