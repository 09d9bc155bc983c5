using System.Text.Json;
using System.Text.Json.Nodes;

namespace OligoDecide.CdsHooks;

/// <summary>Reads the JSON of a prefetch value or a FHIR answer into resources, checking its shape without throwing.</summary>
internal static class PrefetchReader
{
    /// <summary>The string value of <paramref name="node"/>, or null when it is absent or not a string.</summary>
    public static string? Str(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    /// <summary>
    /// A resource, a Bundle (its entries' resources and its <c>next</c> link), or null (no data).
    /// <c>Failure</c> says what is wrong with the shape; <c>Outcome</c> is true when the value is an OperationOutcome
    /// (the client or server reporting that it could not answer).
    /// </summary>
    public static (List<JsonObject> Items, string? Next, string? Failure, bool Outcome) Unpack(JsonNode? node)
    {
        if (node is null)
        {
            return ([], null, null, false);
        }

        if (node is not JsonObject resource || Str(resource["resourceType"]) is not { } type)
        {
            return ([], null, "is not a FHIR resource (an object with a string resourceType)", false);
        }

        if (type == "OperationOutcome")
        {
            return ([], null, "is an OperationOutcome", true);
        }

        if (type != "Bundle")
        {
            return ([resource], null, null, false);
        }

        var items = new List<JsonObject>();
        switch (resource["entry"])
        {
            case null:
                break;
            case JsonArray entries:
                foreach (var entry in entries)
                {
                    if (entry is not JsonObject e)
                    {
                        return ([], null, "has a Bundle.entry item that is not an object", false);
                    }

                    if (Str(e["search"]?["mode"]) == "outcome")
                    {
                        continue;
                    }

                    if (e["resource"] is not JsonObject r || Str(r["resourceType"]) is not { } rt)
                    {
                        return ([], null, "has a Bundle entry without a resource (an object with a string resourceType)", false);
                    }

                    if (rt == "OperationOutcome")
                    {
                        return ([], null, "holds an OperationOutcome", true);
                    }

                    items.Add(r);
                }

                break;
            default:
                return ([], null, "has a Bundle.entry that is not a list", false);
        }

        string? next = null;
        if (resource["link"] is JsonArray links)
        {
            foreach (var link in links)
            {
                if (link is JsonObject l && Str(l["relation"]) == "next")
                {
                    next = Str(l["url"]) ?? string.Empty;
                }
            }
        }
        else if (resource["link"] is not null)
        {
            return ([], null, "has a Bundle.link that is not a list", false);
        }

        return (items, next, null, false);
    }
}
