using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OligoDecide.Engine;
using OligoDecide.Fhir;

namespace OligoDecide.CdsHooks;

/// <summary>
/// Handles <c>POST /cds-services/oligodecide-patient-view</c>: request → prefetch (completed from the allowed
/// FHIR server where the client could not fill it) → patient → decision → cards. Every input of the wrong shape
/// is a 400/412/413/422 problem details answer. Logs only the hook instance (a UUID) and counts, never patient data.
/// </summary>
internal sealed partial class PatientViewService(
    IOligoDecideEngine engine, TimeProvider time, FhirFetcher fetcher, CdsHooksOptions options, IHostEnvironment environment, ILogger<PatientViewService> logger)
{
    public async Task<IResult> Handle(HttpContext context)
    {
        try
        {
            return await HandleCore(context).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            // A shape the checks below did not foresee: still the client's error, never a 500.
            return Problems.Result(StatusCodes.Status400BadRequest, "Invalid request", "The request has a value of the wrong type.");
        }
    }

    private async Task<IResult> HandleCore(HttpContext context)
    {
        var body = await ReadBody(context.Request, options.MaxRequestBytes, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            return Problems.Result(StatusCodes.Status413PayloadTooLarge, "Request too large",
                $"The request body is limited to {options.MaxRequestBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes.");
        }

        JsonNode? parsed;
        try
        {
            parsed = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return Problems.Result(StatusCodes.Status400BadRequest, "Malformed JSON", "The request body is not valid JSON.");
        }

        if (parsed is not JsonObject request)
        {
            return Problems.Result(StatusCodes.Status400BadRequest, "Invalid request", "The request body must be a JSON object.");
        }

        if (PrefetchReader.Str(request["hook"]) != "patient-view")
        {
            return Problems.Result(StatusCodes.Status400BadRequest, "Wrong hook", "This service answers the 'patient-view' hook only.");
        }

        if (PrefetchReader.Str(request["hookInstance"]) is not { } hookText || !Guid.TryParseExact(hookText, "D", out var hookGuid))
        {
            return Problems.Result(StatusCodes.Status400BadRequest, "Invalid request", "hookInstance is required and must be a UUID.");
        }

        var hookInstance = hookGuid.ToString("D");
        if (request["context"] is not JsonObject ctx)
        {
            return Problems.Result(StatusCodes.Status400BadRequest, "Invalid request", "context is required and must be an object.");
        }

        if (PrefetchReader.Str(ctx["patientId"]) is not { } patientId || !FhirId().IsMatch(patientId))
        {
            return Problems.Result(StatusCodes.Status400BadRequest, "Invalid request", "context.patientId is required and must be a FHIR id.");
        }

        if (request["prefetch"] is not (null or JsonObject))
        {
            return Problems.Result(StatusCodes.Status400BadRequest, "Invalid request", "prefetch must be an object.");
        }

        if (request["fhirAuthorization"] is not (null or JsonObject))
        {
            return Problems.Result(StatusCodes.Status400BadRequest, "Invalid request", "fhirAuthorization must be an object.");
        }

        if (request["fhirAuthorization"]?["access_token"] is { } tokenNode && PrefetchReader.Str(tokenNode) is null)
        {
            return Problems.Result(StatusCodes.Status400BadRequest, "Invalid request", "fhirAuthorization.access_token must be a string.");
        }

        var accessToken = PrefetchReader.Str(request["fhirAuthorization"]?["access_token"]);
        Uri? server = null;
        if (request["fhirServer"] is { } serverNode)
        {
            if (PrefetchReader.Str(serverNode) is not { } s || !Uri.TryCreate(s, UriKind.Absolute, out server)
                || !(server.Scheme == Uri.UriSchemeHttps || (server.Scheme == Uri.UriSchemeHttp && environment.IsDevelopment())))
            {
                return Problems.Result(StatusCodes.Status400BadRequest, "Invalid request",
                    environment.IsDevelopment() ? "fhirServer must be an absolute http or https URL." : "fhirServer must be an absolute https URL.");
            }
        }

        var issuer = context.User.FindFirst("iss")?.Value;
        var allowed = server is null ? null : fetcher.AllowedBase(server, issuer);

        var (resources, status, detail) = await Collect(request["prefetch"] as JsonObject, patientId, allowed, server is not null, accessToken, context.RequestAborted).ConfigureAwait(false);
        if (resources is null)
        {
            LogRefused(logger, hookInstance, status);
            return Problems.Result(status, status == StatusCodes.Status412PreconditionFailed ? "Prefetch incomplete" : "Prefetch not usable", detail!);
        }

        if (OtherPatient(resources, patientId))
        {
            LogRefused(logger, hookInstance, StatusCodes.Status422UnprocessableEntity);
            return Problems.Result(StatusCodes.Status422UnprocessableEntity, "Prefetch not usable",
                "Some prefetched resources are about a patient other than context.patientId; no advice is given on this chart.");
        }

        var bundle = new JsonObject { ["resourceType"] = "Bundle", ["type"] = "collection", ["entry"] = new JsonArray([.. resources.Select(r => (JsonNode)new JsonObject { ["resource"] = r.DeepClone() })]) };
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var mapped = FhirBundleDocument.Parse(bundle.ToJsonString(), "prefetch", today);
        if (mapped.Patient is null)
        {
            LogUnmappable(logger, hookInstance);
            var errors = mapped.Findings.Where(f => f.Severity == Severity.Error).ToList();
            var paths = errors.Select(f => f.Path).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).Take(10).ToList();
            return Problems.Result(StatusCodes.Status422UnprocessableEntity, "Prefetch not usable",
                $"The prefetched resources could not be mapped to a patient: {errors.Count} error(s)" + (paths.Count > 0 ? " at " + string.Join(", ", paths) : string.Empty) + ".");
        }

        if (!mapped.Provenance.Any(f => f.Resource.StartsWith("Condition/", StringComparison.Ordinal)))
        {
            // No cancer condition this service reads: the patient is outside its scope, and the specification's
            // answer for "nothing to say" is an empty card list.
            LogAnswered(logger, hookInstance, 0, "none");
            return Results.Json(new CardsResponse([]), Json.Options);
        }

        // The cards look rules up (e.g. 'against') in the evaluation the decision carries, i.e. in the rule set
        // it came from, even when a hot reload swaps the engine's rule set meanwhile.
        var decision = engine.Evaluate(mapped.Patient);
        var cards = CardBuilder.Build(decision, hookInstance, mapped);
        CdsHooksTelemetry.CardsReturned(cards);
        LogAnswered(logger, hookInstance, cards.Count, decision.RuleSet.Version);
        return Results.Json(new CardsResponse(cards), Json.Options);
    }

    /// <summary>
    /// The resources of every prefetch key the service asks for. A key the client left out, or answered with an
    /// OperationOutcome or a search with a next page, is fetched from the FHIR server when one is allowed; else
    /// the answer is 412, as the specification requires when the data cannot be obtained.
    /// </summary>
    private async Task<(List<JsonObject>? Resources, int Status, string? Detail)> Collect(
        JsonObject? prefetch, string patientId, Uri? allowed, bool serverGiven, string? token, CancellationToken cancel)
    {
        var resources = new List<JsonObject>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timeout.CancelAfter(options.FhirTimeout);
        foreach (var (key, template) in Discovery.Prefetch)
        {
            string? reason;
            Uri? continueAt = null;
            if (prefetch is null || !prefetch.TryGetPropertyValue(key, out var value))
            {
                reason = "was not sent";
            }
            else
            {
                var (items, next, failure, outcome) = PrefetchReader.Unpack(value);
                if (failure is not null && !outcome)
                {
                    return (null, StatusCodes.Status400BadRequest, $"prefetch.{key} {failure}.");
                }

                resources.AddRange(items);
                if (resources.Count > options.MaxResources)
                {
                    return (null, StatusCodes.Status422UnprocessableEntity, $"The request holds more than {options.MaxResources.ToString(CultureInfo.InvariantCulture)} resources.");
                }

                if (outcome)
                {
                    reason = "is an OperationOutcome (the client could not run the query)";
                }
                else if (next is not null)
                {
                    reason = "is the first page of a search with more pages";
                    if (allowed is not null && Uri.TryCreate(allowed, next, out var n))
                    {
                        continueAt = n;
                    }
                    else if (allowed is not null)
                    {
                        return (null, StatusCodes.Status412PreconditionFailed, $"prefetch.{key} has a next link that is not a URL.");
                    }
                }
                else
                {
                    continue;
                }
            }

            if (allowed is null)
            {
                var why = serverGiven ? "the fhirServer given is not on this client's allow-list" : "no fhirServer was given";
                return (null, StatusCodes.Status412PreconditionFailed, $"prefetch.{key} {reason}, and it cannot be fetched: {why}.");
            }

            var url = continueAt ?? new Uri(allowed.AbsoluteUri.TrimEnd('/') + "/" + template.Replace("{{context.patientId}}", Uri.EscapeDataString(patientId), StringComparison.Ordinal));
            var (fetched, fetchFailure) = await fetcher.ReadAsync(allowed, url, token, options.MaxResources - resources.Count, timeout.Token).ConfigureAwait(false);
            if (fetched is null)
            {
                return (null, StatusCodes.Status412PreconditionFailed, $"prefetch.{key} {reason}, and fetching it failed: {fetchFailure}.");
            }

            resources.AddRange(fetched);
        }

        return (resources, StatusCodes.Status200OK, null);
    }

    /// <summary>True when a resource is about another patient: a Patient with another id, or a subject/patient reference to one.</summary>
    private static bool OtherPatient(List<JsonObject> resources, string patientId)
    {
        foreach (var r in resources)
        {
            if (PrefetchReader.Str(r["resourceType"]) == "Patient")
            {
                if (PrefetchReader.Str(r["id"]) != patientId)
                {
                    return true;
                }

                continue;
            }

            foreach (var name in (string[])["subject", "patient"])
            {
                if (r[name] is JsonObject reference && PrefetchReader.Str(reference["reference"]) is { } target && !IsPatient(target, patientId))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsPatient(string reference, string patientId)
    {
        var at = reference.IndexOf("/_history/", StringComparison.Ordinal);
        var r = at >= 0 ? reference[..at] : reference;
        return r == "Patient/" + patientId || r.EndsWith("/Patient/" + patientId, StringComparison.Ordinal);
    }

    /// <summary>The body, read from the stream whatever Content-Length says (chunked bodies too); null when it exceeds <paramref name="max"/>.</summary>
    private static Task<byte[]?> ReadBody(HttpRequest request, long max, CancellationToken cancel) =>
        request.ContentLength > max ? Task.FromResult<byte[]?>(null) : ReadLimited(request.Body, max, cancel);

    /// <summary>Reads <paramref name="body"/> to its end, or stops (null) as soon as more than <paramref name="max"/> bytes arrived.</summary>
    internal static async Task<byte[]?> ReadLimited(Stream body, long max, CancellationToken cancel)
    {

        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk, cancel).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > max)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    [GeneratedRegex("^[A-Za-z0-9\\-\\.]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex FhirId();

    [LoggerMessage(1, LogLevel.Information, "patient-view {HookInstance}: {Cards} card(s) from rule set {Version}")]
    private static partial void LogAnswered(ILogger logger, string hookInstance, int cards, string version);

    [LoggerMessage(2, LogLevel.Warning, "patient-view {HookInstance}: prefetch could not be mapped")]
    private static partial void LogUnmappable(ILogger logger, string hookInstance);

    [LoggerMessage(3, LogLevel.Warning, "patient-view {HookInstance}: refused with {Status}")]
    private static partial void LogRefused(ILogger logger, string hookInstance, int status);
}
