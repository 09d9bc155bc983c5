using OligoDecide.Facts;

namespace OligoDecide.Output;

public static partial class JsonOutput
{
    /// <summary>The fact vocabulary as JSON: <c>facts[]</c>, <c>lesionFields[]</c> and <c>therapyFields[]</c>, each with name, type, allowedValues, description.</summary>
    public static string WriteFacts() => Render(w =>
    {
        w.WriteStartObject();
        foreach (var (name, list) in new[] { ("facts", FactCatalog.Facts), ("lesionFields", FactCatalog.LesionFields), ("therapyFields", FactCatalog.TherapyFields) })
        {
            w.WriteStartArray(name);
            foreach (var f in list)
            {
                w.WriteStartObject();
                w.WriteString("name", f.Name);
                w.WriteString("type", f.Type == FactType.EnumerationSet ? "enumeration-set" : f.Type.ToString().ToLowerInvariant());
                WriteStrings(w, "allowedValues", f.AllowedValues);
                w.WriteString("description", f.Description);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    });
}
