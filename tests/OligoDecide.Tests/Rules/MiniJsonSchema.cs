using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace OligoDecide.Tests.Rules;

/// <summary>
/// A small JSON Schema (2020-12) validator for the keywords the rule-file schema uses: type, properties,
/// required, additionalProperties:false, enum, items, minItems, oneOf, anyOf, $ref to $defs, pattern, minimum.
/// An unsupported keyword is an error, so the schema cannot silently outgrow the validator.
/// </summary>
internal static class MiniJsonSchema
{
    private static readonly HashSet<string> Supported =
        ["$schema", "$id", "title", "description", "type", "properties", "required", "additionalProperties", "enum", "items", "minItems", "oneOf", "anyOf", "$ref", "$defs", "pattern", "minimum"];

    /// <summary>YAML as the YAML language server sees it: plain scalars typed (bool, integer, number), quoted ones strings.</summary>
    public static JsonNode? FromYaml(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return Convert(stream.Documents[0].RootNode);
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode m => new JsonObject(m.Children.Select(kv => KeyValuePair.Create(((YamlScalarNode)kv.Key).Value!, Convert(kv.Value)))),
        YamlSequenceNode s => new JsonArray([.. s.Children.Select(Convert)]),
        YamlScalarNode { Style: ScalarStyle.Plain } p => Plain(p.Value!),
        YamlScalarNode q => JsonValue.Create(q.Value),
        _ => throw new InvalidOperationException("unexpected YAML node"),
    };

    private static JsonNode? Plain(string v) =>
        v is "" or "~" or "null" ? null
        : v is "true" ? JsonValue.Create(true)
        : v is "false" ? JsonValue.Create(false)
        : long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) ? JsonValue.Create(l)
        : decimal.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? JsonValue.Create(d)
        : JsonValue.Create(v);

    public static List<string> Validate(JsonNode? instance, JsonNode schema)
    {
        var errors = new List<string>();
        Validate(instance, schema, schema, "$", errors);
        return errors;
    }

    private static void Validate(JsonNode? instance, JsonNode schemaNode, JsonNode root, string path, List<string> errors)
    {
        var schema = schemaNode.AsObject();
        foreach (var key in schema.Select(p => p.Key).Where(k => !Supported.Contains(k)))
        {
            errors.Add($"schema keyword '{key}' is not supported by the test validator");
        }

        if (schema["$ref"] is { } refNode)
        {
            var reference = refNode.GetValue<string>();
            if (!reference.StartsWith("#/$defs/", StringComparison.Ordinal))
            {
                errors.Add($"{path}: unsupported $ref {reference}");
                return;
            }

            Validate(instance, root["$defs"]![reference["#/$defs/".Length..]]!, root, path, errors);
        }

        if (schema["type"] is { } type)
        {
            var types = type is JsonArray a ? a.Select(t => t!.GetValue<string>()).ToList() : [type.GetValue<string>()];
            if (!types.Any(t => IsType(instance, t)))
            {
                errors.Add($"{path}: expected {string.Join(" or ", types)}, found {Kind(instance)}");
                return;
            }
        }

        if (schema["enum"] is JsonArray allowed && !allowed.Any(v => JsonNode.DeepEquals(v, instance)))
        {
            errors.Add($"{path}: {instance?.ToJsonString()} is not one of {allowed.ToJsonString()}");
        }

        if (schema["pattern"] is { } pattern && instance is JsonValue pv && pv.TryGetValue<string>(out var s) && !Regex.IsMatch(s, pattern.GetValue<string>()))
        {
            errors.Add($"{path}: '{s}' does not match {pattern}");
        }

        if (schema["minimum"] is { } minimum && instance is JsonValue nv && Number(nv) is { } n && n < minimum.GetValue<decimal>())
        {
            errors.Add($"{path}: {n} is less than {minimum}");
        }

        if (instance is JsonObject obj)
        {
            var properties = schema["properties"]?.AsObject();
            foreach (var required in schema["required"]?.AsArray() ?? [])
            {
                if (!obj.ContainsKey(required!.GetValue<string>()))
                {
                    errors.Add($"{path}: required property '{required}' is missing");
                }
            }

            foreach (var (name, value) in obj)
            {
                if (properties?[name] is { } propertySchema)
                {
                    Validate(value, propertySchema, root, $"{path}.{name}", errors);
                }
                else if (schema["additionalProperties"] is JsonValue ap && !ap.GetValue<bool>())
                {
                    errors.Add($"{path}: property '{name}' is not allowed");
                }
            }
        }

        if (instance is JsonArray array)
        {
            if (schema["minItems"] is { } minItems && array.Count < minItems.GetValue<int>())
            {
                errors.Add($"{path}: expected at least {minItems} item(s)");
            }

            if (schema["items"] is { } items)
            {
                for (var i = 0; i < array.Count; i++)
                {
                    Validate(array[i], items, root, $"{path}[{i}]", errors);
                }
            }
        }

        if (schema["anyOf"] is JsonArray anyOf && !anyOf.Any(sub => Validate(instance, sub!, root).Count == 0))
        {
            errors.Add($"{path}: matches none of anyOf");
        }

        if (schema["oneOf"] is JsonArray oneOf)
        {
            var matches = oneOf.Count(sub => Validate(instance, sub!, root).Count == 0);
            if (matches != 1)
            {
                errors.Add($"{path}: matches {matches} of oneOf (expected exactly 1)");
            }
        }
    }

    private static List<string> Validate(JsonNode? instance, JsonNode schema, JsonNode root)
    {
        var errors = new List<string>();
        Validate(instance, schema, root, "$", errors);
        return errors;
    }

    private static decimal? Number(JsonValue v) =>
        v.TryGetValue<long>(out var l) ? l : v.TryGetValue<decimal>(out var d) ? d : null;

    private static bool IsType(JsonNode? n, string type) => type switch
    {
        "object" => n is JsonObject,
        "array" => n is JsonArray,
        "string" => n is JsonValue v && v.TryGetValue<string>(out _),
        "boolean" => n is JsonValue v && v.TryGetValue<bool>(out _),
        "integer" => n is JsonValue v && v.TryGetValue<long>(out _),
        "number" => n is JsonValue v && Number(v) is not null,
        "null" => n is null,
        _ => throw new InvalidOperationException("unsupported type " + type),
    };

    private static string Kind(JsonNode? n) => n switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        _ => n.ToJsonString(),
    };
}
