using System.Text.Json;
using System.Text.Json.Nodes;
using OligoDecide.Engine;
using OligoDecide.Fhir;

namespace OligoDecide.CdsHooks;

/// <summary>
/// Handles <c>POST /cds-services/oligodecide-patient-view</c>: prefetch (or FHIR server) → patient →
/// decision → cards. Logs only the hook instance and counts, never patient data.
/// </summary>
internal sealed partial class PatientViewService(IOligoDecideEngine engine, TimeProvider time, IHttpClientFactory http, ILogger<PatientViewService> logger)
{
    private const long MaxBody = 4 * 1024 * 1024;

    public async Task<IResult> Handle(HttpContext context)
    {
        if (context.Request.ContentLength is > MaxBody)
        {
            return Problems.Result(StatusCodes.Status413PayloadTooLarge, "Request too large", $"The request body is limited to {MaxBody} bytes.");
        }

        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return Problems.Result(StatusCodes.Status400BadRequest, "Malformed JSON", "The request body is not valid JSON.");
        }

        if (body is not JsonObject request)
        {
            return Problems.Result(StatusCodes.Status400BadRequest, "Invalid request", "The request body must be a JSON object.");
        }

        var hook = request["hook"]?.GetValueKind() == JsonValueKind.String ? request["hook"]!.GetValue<string>() : null;
        if (hook != "patient-view")
        {
            return Problems.Result(StatusCodes.Status400BadRequest, "Wrong hook", "This service answers the 'patient-view' hook only.");
        }

        var hookInstance = request["hookInstance"]?.GetValueKind() == JsonValueKind.String ? request["hookInstance"]!.GetValue<string>() : null;
        var patientId = request["context"]?["patientId"]?.GetValueKind() == JsonValueKind.String ? request["context"]!["patientId"]!.GetValue<string>() : null;
        if (string.IsNullOrWhiteSpace(hookInstance) || string.IsNullOrWhiteSpace(patientId))
        {
            return Problems.Result(StatusCodes.Status400BadRequest, "Invalid request", "hookInstance and context.patientId are required.");
        }

        var resources = Resources(request["prefetch"] as JsonObject);
        if (resources.Count == 0)
        {
            var server = request["fhirServer"]?.GetValueKind() == JsonValueKind.String ? request["fhirServer"]!.GetValue<string>() : null;
            if (server is null)
            {
                return Problems.Result(StatusCodes.Status412PreconditionFailed, "Prefetch missing",
                    "No prefetch data was sent and no fhirServer was given to fetch it from.");
            }

            var token = request["fhirAuthorization"]?["access_token"]?.GetValue<string>();
            var fetched = await Fetch(server, token, patientId, context.RequestAborted).ConfigureAwait(false);
            if (fetched is null)
            {
                return Problems.Result(StatusCodes.Status502BadGateway, "FHIR server unavailable", "The FHIR server did not answer the prefetch queries.");
            }

            resources = fetched;
        }

        var bundle = new JsonObject { ["resourceType"] = "Bundle", ["type"] = "collection", ["entry"] = new JsonArray([.. resources.Select(r => (JsonNode)new JsonObject { ["resource"] = r.DeepClone() })]) };
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var mapped = FhirBundleDocument.Parse(bundle.ToJsonString(), "prefetch", today);
        if (mapped.Patient is null)
        {
            LogUnmappable(logger, hookInstance);
            return Problems.Result(StatusCodes.Status422UnprocessableEntity, "Prefetch not usable",
                "The prefetched resources could not be mapped to a patient: " + string.Join("; ", mapped.Findings.Where(f => f.Severity == Severity.Error).Select(f => f.Message)));
        }

        // The cards look rules up (e.g. 'against') in the evaluation the decision carries, i.e. in the rule set
        // it came from, even when a hot reload swaps the engine's rule set meanwhile.
        var decision = engine.Evaluate(mapped.Patient);
        var cards = CardBuilder.Build(decision, hookInstance);
        CdsHooksTelemetry.CardsReturned(cards);
        LogAnswered(logger, hookInstance, cards.Count, decision.RuleSet.Version);
        return Results.Json(new CardsResponse(cards), Json.Options);
    }

    private static List<JsonNode> Resources(JsonObject? prefetch)
    {
        var list = new List<JsonNode>();
        if (prefetch is null)
        {
            return list;
        }

        foreach (var (_, value) in prefetch.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (value is not JsonObject resource)
            {
                continue;
            }

            if (resource["resourceType"]?.GetValue<string>() == "Bundle")
            {
                foreach (var entry in resource["entry"]?.AsArray() ?? [])
                {
                    if (entry?["resource"] is JsonObject r)
                    {
                        list.Add(r);
                    }
                }
            }
            else
            {
                list.Add(resource);
            }
        }

        return list;
    }

    private async Task<List<JsonNode>?> Fetch(string server, string? token, string patientId, CancellationToken cancel)
    {
        var client = http.CreateClient("fhir");
        var resources = new JsonObject();
        foreach (var (key, template) in Discovery.Prefetch)
        {
            var url = server.TrimEnd('/') + "/" + template.Replace("{{context.patientId}}", Uri.EscapeDataString(patientId), StringComparison.Ordinal);
            using var message = new HttpRequestMessage(HttpMethod.Get, url);
            message.Headers.Accept.ParseAdd("application/fhir+json");
            if (token is not null)
            {
                message.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            }

            try
            {
                using var response = await client.SendAsync(message, cancel).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    return null;
                }

                resources[key] = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancel).ConfigureAwait(false));
            }
            catch (Exception ex) when (ex is HttpRequestException or JsonException or TaskCanceledException)
            {
                return null;
            }
        }

        return Resources(resources);
    }

    [LoggerMessage(1, LogLevel.Information, "patient-view {HookInstance}: {Cards} card(s) from rule set {Version}")]
    private static partial void LogAnswered(ILogger logger, string hookInstance, int cards, string version);

    [LoggerMessage(2, LogLevel.Warning, "patient-view {HookInstance}: prefetch could not be mapped")]
    private static partial void LogUnmappable(ILogger logger, string hookInstance);
}
