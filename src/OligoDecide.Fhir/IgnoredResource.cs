namespace OligoDecide.Fhir;

/// <summary>A resource in the Bundle that did not contribute to the patient.</summary>
/// <param name="Resource">The resource reference, e.g. <c>Observation/xyz</c>.</param>
/// <param name="Reason">Why it was not used.</param>
public sealed record IgnoredResource(string Resource, string Reason);
