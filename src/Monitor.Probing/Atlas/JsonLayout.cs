namespace Monitor.Probing.Atlas;

/// <summary>How the records of a JSON input are laid out.</summary>
internal enum JsonLayout
{
    /// <summary>A top-level array of objects (several arrays one after another are read in turn).</summary>
    Array,

    /// <summary>JSON Lines: one object per line.</summary>
    Lines,

    /// <summary>A top-level object whose <c>objects</c> key holds the array of records (the probe archive).</summary>
    Objects,
}
