using System.Text.Json;
using System.Text.Json.Nodes;

namespace OligoDecide.CdsHooks;

/// <summary>
/// The only way the service reads from a FHIR server: GET requests on the "fhir" HttpClient (no cross-host
/// redirect, response size cap, resilience with a short total timeout, no URL logging), only under a base URL
/// on the calling client's allow-list, the client's access token sent only there. Search pages are followed
/// while their <c>next</c> link stays under the same base, up to <see cref="CdsHooksOptions.MaxSearchPages"/>.
/// </summary>
internal sealed class FhirFetcher(IHttpClientFactory http, CdsHooksOptions options)
{
    /// <summary>
    /// The allowed base matching <paramref name="fhirServer"/> for the client with <paramref name="issuer"/>
    /// (any trusted client's list when authentication is off in Development), or null.
    /// </summary>
    public Uri? AllowedBase(Uri fhirServer, string? issuer)
    {
        var lists = issuer is null
            ? options.TrustedClients.SelectMany(c => c.FhirServers)
            : options.TrustedClients.Where(c => c.Issuer == issuer).SelectMany(c => c.FhirServers);
        foreach (var allowed in lists)
        {
            if (Uri.TryCreate(allowed.TrimEnd('/'), UriKind.Absolute, out var a)
                && SameHostRedirectHandler.SameOrigin(a, fhirServer)
                && string.Equals(a.AbsolutePath.TrimEnd('/'), fhirServer.AbsolutePath.TrimEnd('/'), StringComparison.Ordinal)
                && fhirServer.Query.Length == 0 && fhirServer.Fragment.Length == 0)
            {
                return a;
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="url"/> lies under <paramref name="baseUri"/> (same origin, path below the base).</summary>
    public static bool Under(Uri baseUri, Uri url) =>
        SameHostRedirectHandler.SameOrigin(baseUri, url)
        && (url.AbsolutePath + "/").StartsWith(baseUri.AbsolutePath.TrimEnd('/') + "/", StringComparison.Ordinal);

    /// <summary>
    /// Reads <paramref name="url"/> and, for a searchset, its next pages. Returns the resources, or the reason
    /// they could not be read (never echoing the URL, which can carry a patient id).
    /// </summary>
    public async Task<(List<JsonObject>? Resources, string? Failure)> ReadAsync(Uri baseUri, Uri url, string? token, int budget, CancellationToken cancel)
    {
        var client = http.CreateClient(HttpClients.Fhir);
        var resources = new List<JsonObject>();
        Uri? next = url;
        for (var page = 0; next is not null; page++)
        {
            if (page >= options.MaxSearchPages)
            {
                return (null, $"the search has more than {options.MaxSearchPages} pages");
            }

            if (!Under(baseUri, next))
            {
                return (null, "a link points outside the FHIR server");
            }

            JsonNode? node;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, next);
                request.Headers.Accept.ParseAdd("application/fhir+json");
                if (token is not null)
                {
                    request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
                }

                using var response = await client.SendAsync(request, cancel).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    return (null, $"the FHIR server answered {(int)response.StatusCode}");
                }

                if (response.Content.Headers.ContentLength > options.MaxFhirResponseBytes)
                {
                    return (null, $"a FHIR response is larger than {options.MaxFhirResponseBytes.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} bytes");
                }

                var bytes = await response.Content.ReadAsByteArrayAsync(cancel).ConfigureAwait(false);
                node = JsonNode.Parse(bytes);
            }
            catch (HttpRequestException)
            {
                return (null, "the FHIR server could not be read (connection failed or the response exceeded the size limit)");
            }
            catch (JsonException)
            {
                return (null, "the FHIR server answered with text that is not JSON");
            }
            catch (Exception ex) when (ex is Polly.Timeout.TimeoutRejectedException or OperationCanceledException)
            {
                return (null, "the FHIR server did not answer in time");
            }
            catch (Polly.CircuitBreaker.BrokenCircuitException)
            {
                return (null, "the FHIR server failed repeatedly and is not called for a while");
            }

            var (items, nextLink, failure, outcome) = PrefetchReader.Unpack(node);
            if (failure is not null)
            {
                return (null, outcome ? "the FHIR server answered with an OperationOutcome" : "the FHIR server's answer " + failure);
            }

            resources.AddRange(items);
            if (resources.Count > budget)
            {
                return (null, $"the record holds more than {options.MaxResources} resources");
            }

            if (nextLink is null)
            {
                next = null;
            }
            else if (!Uri.TryCreate(next, nextLink, out next))
            {
                return (null, "a next link is not a URL");
            }
        }

        return (resources, null);
    }
}
