namespace OligoDecide.Fhir;

/// <summary>One row of a code table: a code in a code system, its display, and what it maps to.</summary>
internal sealed record CodeRow<T>(string System, string Code, string Display, T Value);
