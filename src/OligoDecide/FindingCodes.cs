namespace OligoDecide;

/// <summary>
/// The stable codes of <see cref="Finding.Code"/>: a program branches on the code, never on the message
/// text, which may be reworded. Codes are never reused for another meaning; the list is in
/// <c>docs/error-codes.md</c>. <c>OD01xx</c>: the file or text as a whole; <c>OD02xx</c>: the document's
/// structure and values; <c>OD03xx</c>: patient validation (a value that reads well but cannot be true);
/// <c>OD1xxx</c>: rule sets.
/// </summary>
public static class FindingCodes
{
    /// <summary><c>OD0000</c>: a finding from a source that does not classify its findings (e.g. the FHIR mapper).</summary>
    public const string Unclassified = "OD0000";

    /// <summary><c>OD0101</c>: the file cannot be read (missing, unreadable, not UTF-8, over the size limit before reading).</summary>
    public const string FileUnreadable = "OD0101";

    /// <summary><c>OD0102</c>: the document is larger than <see cref="Documents.DocumentLimits.MaxBytes"/>.</summary>
    public const string DocumentTooLarge = "OD0102";

    /// <summary><c>OD0103</c>: the document is empty.</summary>
    public const string DocumentEmpty = "OD0103";

    /// <summary><c>OD0104</c>: more than one YAML document (<c>---</c>) in one file.</summary>
    public const string MultipleDocuments = "OD0104";

    /// <summary><c>OD0105</c>: malformed YAML or JSON syntax.</summary>
    public const string MalformedSyntax = "OD0105";

    /// <summary><c>OD0106</c>: a structure limit was exceeded (nesting depth, node count, aliases) or a key is not a plain word or appears twice.</summary>
    public const string StructureLimit = "OD0106";

    /// <summary><c>OD0201</c>: an unknown key (the message suggests the nearest known one).</summary>
    public const string UnknownKey = "OD0201";

    /// <summary><c>OD0202</c>: a required key is missing or has no value.</summary>
    public const string RequiredKeyMissing = "OD0202";

    /// <summary><c>OD0203</c>: a value of the wrong kind (a list where a mapping belongs, text where a number belongs, …).</summary>
    public const string WrongType = "OD0203";

    /// <summary><c>OD0204</c>: not a date as <c>yyyy-MM-dd</c>, or a date that does not exist.</summary>
    public const string InvalidDate = "OD0204";

    /// <summary><c>OD0205</c>: a value outside its closed list (an enum, a stage group, a state id).</summary>
    public const string UnknownValue = "OD0205";

    /// <summary><c>OD0210</c>: a value that is not acceptable in its place, by a check particular to the document kind.</summary>
    public const string InvalidValue = "OD0210";

    /// <summary><c>OD0301</c>: a number outside its range (age 0–120, ECOG 0–4, PD-L1 TPS 0–100 %, dose, fractions, lesion size).</summary>
    public const string OutOfRange = "OD0301";

    /// <summary><c>OD0302</c>: a date after the assessment date (<c>assessedOn</c>).</summary>
    public const string DateAfterAssessment = "OD0302";

    /// <summary><c>OD0303</c>: a therapy or course that stopped before it started.</summary>
    public const string StoppedBeforeStarted = "OD0303";

    /// <summary><c>OD0304</c>: a value the model requires is absent (the kind of a therapy, the organ of a lesion).</summary>
    public const string RequiredValue = "OD0304";

    /// <summary><c>OD0305</c>: values that contradict each other (e.g. <c>sclcExtent</c> with a non-small-cell histology).</summary>
    public const string Inconsistent = "OD0305";

    /// <summary>
    /// <c>OD0306</c> (warning): a lesion detected before the primary tumour was diagnosed. Possible when a metastasis is
    /// the first presentation (found on imaging before the biopsy that diagnosed the primary); otherwise a date is wrong.
    /// </summary>
    public const string DetectedBeforeDiagnosis = "OD0306";

    /// <summary><c>OD1001</c>: a rule set error (rule, citation or manifest) that stops the set from loading.</summary>
    public const string RuleSetError = "OD1001";

    /// <summary><c>OD1002</c>: a rule set warning; the set loads.</summary>
    public const string RuleSetWarning = "OD1002";
}
