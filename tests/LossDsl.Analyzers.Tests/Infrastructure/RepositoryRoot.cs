using System;
using System.IO;

namespace LossDsl.Analyzers.Tests.Infrastructure;

/// <summary>Finds files of the repository from the test's output directory, wherever the repository is checked out.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LossDsl.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No LossDsl.sln above {AppContext.BaseDirectory}.");
    });

    /// <summary>The absolute path of <paramref name="relative"/> (forward slashes) under the repository root.</summary>
    public static string Resolve(string relative) => Path.Combine(Root.Value, relative.Replace('/', Path.DirectorySeparatorChar));
}
