namespace Monitor.Core.Analysis.Sites;

/// <summary>
/// A run of ASCII letters or of digits inside an identity, with where it sits: its label (between dots),
/// its part of the label (between other separators such as <c>-</c> and <c>_</c>) and its neighbours.
/// </summary>
/// <param name="Text">The run, lower case.</param>
/// <param name="IsLetters">True for letters, false for digits.</param>
/// <param name="Label">The label's index from the left, 0-based.</param>
/// <param name="Part">The part's index inside its label, 0-based.</param>
/// <param name="Run">The run's index inside its part, 0-based.</param>
/// <param name="RunsInPart">How many runs its part has.</param>
/// <param name="PartsInLabel">How many parts its label has.</param>
/// <param name="Upper">True when the run was written in upper case.</param>
internal readonly record struct IdentityToken(string Text, bool IsLetters, int Label, int Part, int Run, int RunsInPart, int PartsInLabel, bool Upper)
{
    /// <summary>True when the run is its whole part (e.g. <c>lhr</c> in <c>edge-lhr-02</c>).</summary>
    public bool WholePart => RunsInPart == 1;

    /// <summary>True when the run is its whole label (e.g. <c>ams</c> in <c>s1.ams</c>).</summary>
    public bool WholeLabel => RunsInPart == 1 && PartsInLabel == 1;
}
