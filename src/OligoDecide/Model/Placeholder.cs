namespace OligoDecide.Model;

/// <summary>Temporary.</summary>
public static class Placeholder { }
