using System.Net;

namespace OligoDecide.CdsHooks;

/// <summary>The named HttpClients of the host. Neither logs request URLs (they can carry a patient id).</summary>
internal static class HttpClients
{
    public const string Jwks = "jwks";
    public const string Fhir = "fhir";

    /// <summary>The primary handler of both clients: no automatic redirects, no cookies.</summary>
    public static HttpMessageHandler PrimaryHandler() => new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    };
}

/// <summary>
/// Follows up to three redirects, and only to the same scheme, host and port; a redirect elsewhere is
/// returned as it is (the caller treats it as a failure), so credentials never travel to another host.
/// </summary>
internal sealed class SameHostRedirectHandler : DelegatingHandler
{
    private const int MaxRedirects = 3;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < MaxRedirects && IsRedirect(response.StatusCode) && response.Headers.Location is { } location; i++)
        {
            var target = location.IsAbsoluteUri ? location : new Uri(request.RequestUri!, location);
            if (!SameOrigin(request.RequestUri!, target) || request.Method != HttpMethod.Get)
            {
                return response;
            }

            response.Dispose();
            var next = new HttpRequestMessage(HttpMethod.Get, target);
            foreach (var h in request.Headers)
            {
                next.Headers.TryAddWithoutValidation(h.Key, h.Value);
            }

            request = next;
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        return response;
    }

    internal static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase)
        && a.Port == b.Port;

    private static bool IsRedirect(HttpStatusCode code) => (int)code is 301 or 302 or 303 or 307 or 308;
}
