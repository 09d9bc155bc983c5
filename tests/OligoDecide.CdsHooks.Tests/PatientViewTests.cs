using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OligoDecide.CdsHooks.Tests;

public sealed class PatientViewTests
{
    private const string Endpoint = "/cds-services/oligodecide-patient-view";
    private CdsHooksFactory factory = null!;
    private HttpClient client = null!;

    [SetUp]
    public void SetUp()
    {
        factory = new CdsHooksFactory();
        client = factory.CreateClient();
    }

    [TearDown]
    public void TearDown()
    {
        client.Dispose();
        factory.Dispose();
    }

    [Test]
    public async Task Discovery_ListsPatientViewServiceWithMcodePrefetch()
    {
        var json = JsonNode.Parse(await client.GetStringAsync("/cds-services"))!;
        var service = json["services"]![0]!;
        Assert.Multiple(() =>
        {
            Assert.That(service["hook"]!.GetValue<string>(), Is.EqualTo("patient-view"));
            Assert.That(service["id"]!.GetValue<string>(), Is.EqualTo("oligodecide-patient-view"));
            Assert.That(service["description"]!.GetValue<string>(), Is.Not.Empty);
            Assert.That(service["prefetch"]!["conditions"]!.GetValue<string>(), Is.EqualTo("Condition?patient={{context.patientId}}"));
            Assert.That(service["prefetch"]!["patient"]!.GetValue<string>(), Is.EqualTo("Patient/{{context.patientId}}"));
        });
    }

    [Test]
    public async Task PatientView_ValidTokenAndPrefetch_ReturnsCardsFollowingTheSpec()
    {
        var response = await Post(Request("synchronous-egfr.json"), factory.Token());
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        var cards = JsonNode.Parse(text)!["cards"]!.AsArray();

        Assert.That(cards, Is.Not.Empty);
        foreach (var card in cards)
        {
            Assert.Multiple(() =>
            {
                Assert.That(card!["summary"]!.GetValue<string>().Length, Is.LessThan(140));
                Assert.That(card["indicator"]!.GetValue<string>(), Is.AnyOf("info", "warning", "critical"));
                Assert.That(card["source"]!["label"]!.GetValue<string>(), Is.Not.Empty);
                Assert.That(card["uuid"]!.GetValue<string>(), Does.Match("^[0-9a-f-]{36}$"));
            });
        }

        AssertNoNullOrEmpty(JsonNode.Parse(text)!, "$");
        var summaries = cards.Select(c => c!["summary"]!.GetValue<string>()).ToList();
        Assert.That(summaries, Has.Some.StartsWith("ESTRO/EORTC state: synchronous-oligometastatic"));
        Assert.That(cards.Any(c => c!["source"]!["url"]?.GetValue<string>().StartsWith("https://doi.org/10.", StringComparison.Ordinal) == true), Is.True);
    }

    [Test]
    public async Task PatientView_SameRequestTwice_SameCards()
    {
        var body = Request("liver-metastases.json");
        var first = await (await Post(body, factory.Token())).Content.ReadAsStringAsync();
        var second = await (await Post(body, factory.Token())).Content.ReadAsStringAsync();
        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public async Task PatientView_NoToken_Is401WithoutPatientData()
    {
        var response = await Post(Request("synchronous-egfr.json"), token: null);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(text, Does.Not.Contain("patient-123"));
        });
    }

    [Test]
    public async Task PatientView_TokenSignedByUnknownKey_Is401()
    {
        var response = await Post(Request("synchronous-egfr.json"), factory.Token(otherKey: true));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task PatientView_ExpiredToken_Is401()
    {
        var token = factory.Token(lifetime: TimeSpan.FromMinutes(2), issuedAt: DateTime.UtcNow.AddMinutes(-10));
        var response = await Post(Request("synchronous-egfr.json"), token);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task PatientView_TokenLivingTooLong_Is401()
    {
        var response = await Post(Request("synchronous-egfr.json"), factory.Token(lifetime: TimeSpan.FromHours(2)));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task PatientView_WrongAudience_Is401()
    {
        var response = await Post(Request("synchronous-egfr.json"), factory.Token(audience: "https://elsewhere.test"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task PatientView_ReplayedJti_SecondCallIs401()
    {
        var token = factory.Token(jti: "once-only");
        var first = await Post(Request("synchronous-egfr.json"), token);
        var second = await Post(Request("synchronous-egfr.json"), token);
        Assert.Multiple(() =>
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        });
    }

    [Test]
    public async Task PatientView_MalformedJson_Is400ProblemDetails()
    {
        var response = await Post("{ not json", factory.Token());
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(json["title"]!.GetValue<string>(), Is.EqualTo("Malformed JSON"));
            Assert.That(json["status"]!.GetValue<int>(), Is.EqualTo(400));
        });
    }

    [Test]
    public async Task PatientView_WrongHook_Is400()
    {
        var body = JsonNode.Parse(Request("synchronous-egfr.json"))!;
        body["hook"] = "order-sign";
        var response = await Post(body.ToJsonString(), factory.Token());
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task PatientView_NoPrefetchNoFhirServer_Is412()
    {
        var body = JsonNode.Parse(Request("synchronous-egfr.json"))!.AsObject();
        body.Remove("prefetch");
        var response = await Post(body.ToJsonString(), factory.Token());
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.PreconditionFailed));
    }

    [Test]
    public async Task PatientView_NoPrefetchWithFhirServer_FetchesWithTheGivenToken()
    {
        var bundle = SeedFor("patient-123", "synchronous-egfr.json");
        var seen = new List<string>();
        factory.FhirServer = request =>
        {
            seen.Add(request.RequestUri!.PathAndQuery + " " + request.Headers.Authorization);
            var content = request.RequestUri!.AbsolutePath.EndsWith("/Condition", StringComparison.Ordinal)
                ? bundle
                : """{"resourceType":"Bundle","type":"searchset"}""";
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(content, Encoding.UTF8, "application/fhir+json") };
        };
        var body = JsonNode.Parse(Request("synchronous-egfr.json"))!.AsObject();
        body.Remove("prefetch");
        body["fhirServer"] = CdsHooksFactory.FhirBase;
        body["fhirAuthorization"] = new JsonObject { ["access_token"] = "abc", ["token_type"] = "Bearer", ["expires_in"] = 300, ["scope"] = "patient/*.read", ["subject"] = "oligodecide" };

        var response = await Post(body.ToJsonString(), factory.Token());
        var text = await response.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
            Assert.That(seen, Has.Some.EqualTo("/r4/Condition?patient=patient-123 Bearer abc"));
            Assert.That(text, Does.Contain("synchronous-oligometastatic"));
        });
    }

    [Test]
    public async Task PatientView_Logs_CarryNoPatientData()
    {
        await Post(Request("synchronous-egfr.json"), factory.Token());
        await Post(Request("synchronous-egfr.json"), token: null);
        var logs = string.Join("\n", factory.Logs);
        Assert.Multiple(() =>
        {
            Assert.That(logs, Does.Contain(HookInstance));
            Assert.That(logs, Does.Not.Contain("patient-123"));
            Assert.That(logs, Does.Not.Contain("osimertinib").IgnoreCase);
        });
    }

    private async Task<HttpResponseMessage> Post(string body, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await client.SendAsync(request);
    }

    internal const string HookInstance = "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea";

    /// <summary>
    /// A request whose prefetch holds the seed bundle's resources under the service's prefetch keys, as a client
    /// fulfilling the discovery's templates sends them (every key present; null where the record has nothing).
    /// </summary>
    internal static string Request(string bundleFile)
    {
        var bundle = JsonNode.Parse(SeedFor("patient-123", bundleFile))!;
        var keys = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Condition"] = "conditions", ["Observation"] = "observations", ["MedicationRequest"] = "medicationRequests",
            ["MedicationAdministration"] = "medicationAdministrations", ["Procedure"] = "procedures",
        };
        var prefetch = new JsonObject { ["patient"] = null, ["conditions"] = null, ["observations"] = null, ["medicationRequests"] = null, ["medicationAdministrations"] = null, ["procedures"] = null };
        foreach (var entry in bundle["entry"]!.AsArray())
        {
            var resource = entry!["resource"]!;
            var type = resource["resourceType"]!.GetValue<string>();
            if (type == "Patient")
            {
                prefetch["patient"] = resource.DeepClone();
                prefetch["patient"]!["id"] = "patient-123";
            }
            else if (keys.TryGetValue(type, out var key))
            {
                prefetch[key] ??= new JsonObject { ["resourceType"] = "Bundle", ["type"] = "searchset", ["entry"] = new JsonArray() };
                prefetch[key]!["entry"]!.AsArray().Add(new JsonObject { ["resource"] = resource.DeepClone() });
            }
        }

        return new JsonObject
        {
            ["hook"] = "patient-view",
            ["hookInstance"] = HookInstance,
            ["context"] = new JsonObject { ["userId"] = "Practitioner/1", ["patientId"] = "patient-123" },
            ["prefetch"] = prefetch,
        }.ToJsonString();
    }

    /// <summary>A seed bundle with its patient references pointing at <paramref name="patientId"/> (the chart's patient).</summary>
    internal static string SeedFor(string patientId, string name) =>
        File.ReadAllText(Seed(name))
            .Replace("\"Patient/pat\"", $"\"Patient/{patientId}\"", StringComparison.Ordinal)
            .Replace("\"id\": \"pat\"", $"\"id\": \"{patientId}\"", StringComparison.Ordinal);

    internal static string Seed(string name)
    {
        var d = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (d is not null && !File.Exists(Path.Combine(d.FullName, "OligoDecide.sln")))
        {
            d = d.Parent;
        }

        return Path.Combine(d!.FullName, "seeds", "fhir", name);
    }

    private static void AssertNoNullOrEmpty(JsonNode? node, string path)
    {
        switch (node)
        {
            case null:
                Assert.Fail($"{path} is null (CDS Hooks forbids null values)");
                break;
            case JsonObject o:
                Assert.That(o, Is.Not.Empty, $"{path} is an empty object");
                foreach (var (k, v) in o)
                {
                    AssertNoNullOrEmpty(v, path + "." + k);
                }

                break;
            case JsonArray a:
                Assert.That(a.Count > 0 || path == "$.cards", Is.True, $"{path} is an empty array");
                for (var i = 0; i < a.Count; i++)
                {
                    AssertNoNullOrEmpty(a[i], $"{path}[{i}]");
                }

                break;
            default:
                if (node.GetValueKind() == JsonValueKind.String)
                {
                    Assert.That(node.GetValue<string>(), Is.Not.Empty, $"{path} is an empty string");
                }

                break;
        }
    }
}
