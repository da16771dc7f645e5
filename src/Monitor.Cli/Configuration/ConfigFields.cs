using YamlDotNet.RepresentationModel;

namespace Monitor.Cli.Configuration;

/// <summary>The entries of one YAML mapping whose keys have been checked, with its field path.</summary>
internal sealed class ConfigFields
{
    private readonly ConfigReader _reader;
    private readonly Dictionary<string, YamlNode> _values;

    /// <summary>Wraps checked entries; see <see cref="ConfigReader.Mapping"/>.</summary>
    public ConfigFields(ConfigReader reader, YamlMappingNode node, string path, Dictionary<string, YamlNode> values)
    {
        _reader = reader;
        Node = node;
        Path = path;
        _values = values;
    }

    /// <summary>The mapping node.</summary>
    public YamlMappingNode Node { get; }

    /// <summary>The mapping's field path; empty at the top of the file.</summary>
    public string Path { get; }

    /// <summary>The path of one of its keys.</summary>
    public string Field(string key) => ConfigReader.Child(Path, key);

    /// <summary>The value of an optional key, or null when it is not written.</summary>
    public YamlNode? Find(string key) => _values.GetValueOrDefault(key);

    /// <summary>The value of a required key.</summary>
    /// <param name="key">The key.</param>
    /// <param name="why">Completes "missing; …", e.g. "every target needs an address".</param>
    public YamlNode Require(string key, string why) =>
        Find(key) ?? throw _reader.Error(Node, Field(key), $"missing; {why}");
}
