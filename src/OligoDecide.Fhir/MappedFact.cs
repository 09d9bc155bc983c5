namespace OligoDecide.Fhir;

/// <summary>Where one patient fact came from.</summary>
/// <param name="Path">The fact's data path, e.g. <c>primary.histology</c> or <c>metastases.lesions[1].organ</c>.</param>
/// <param name="Resource">The resource reference, e.g. <c>Condition/abc</c>.</param>
/// <param name="Profile">The mCODE profile canonical the resource was read as.</param>
/// <param name="ProfileDeclared">True when the resource declared the profile in <c>meta.profile</c>; false when it was recognised by its code.</param>
public sealed record MappedFact(string Path, string Resource, string Profile, bool ProfileDeclared);
