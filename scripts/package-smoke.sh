#!/usr/bin/env bash
# Packs the NuGet packages into a temporary folder, then builds a fresh console project that takes
# OligoDecide from that folder (a version no other source has) and runs it on a sample patient:
# the package works for a consumer who has nothing else. Used by .ci/run.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tmp="$(mktemp -d)"
version="0.1.0-smoke.$(date +%s)"
cache="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
trap 'rm -rf "$tmp" "$cache"/oligodecide*/"$version"' EXIT

for project in OligoDecide OligoDecide.Fhir OligoDecide.Testing OligoDecide.Cli; do
  if [ -f "$root/src/$project/$project.csproj" ]; then
    dotnet pack "$root/src/$project/$project.csproj" -c Release -o "$tmp/feed" -p:Version="$version" --nologo -v quiet
  fi
done
ls "$tmp/feed"

# Package metadata: a readme in every package, a symbols package beside each library, and the packages
# that use the core's internals require exactly this core version.
for id in OligoDecide OligoDecide.Fhir OligoDecide.Testing OligoDecide.Cli; do
  nuspec=$(unzip -p "$tmp/feed/$id.$version.nupkg" "$id.nuspec")
  echo "$nuspec" | grep -q '<readme>README.md</readme>' || { echo "package smoke: $id has no readme" >&2; exit 1; }
  echo "$nuspec" | grep -q '<repository type="git" url="https://' || { echo "package smoke: $id has no repository url" >&2; exit 1; }
done
for id in OligoDecide OligoDecide.Fhir OligoDecide.Testing; do
  [ -f "$tmp/feed/$id.$version.snupkg" ] || { echo "package smoke: no symbols package for $id" >&2; exit 1; }
done
for id in OligoDecide.Fhir OligoDecide.Testing; do
  unzip -p "$tmp/feed/$id.$version.nupkg" "$id.nuspec" | grep -q "<dependency id=\"OligoDecide\" version=\"\[$version\]\"" \
    || { echo "package smoke: $id does not require exactly OligoDecide $version" >&2; exit 1; }
done

mkdir "$tmp/consumer"
cd "$tmp/consumer"
cat > consumer.csproj <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <RestoreAdditionalProjectSources>$tmp/feed</RestoreAdditionalProjectSources>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="OligoDecide" Version="$version" />
    <PackageReference Include="Microsoft.Extensions.Configuration.Json" Version="10.0.0" />
    <PackageReference Include="Microsoft.Extensions.DependencyInjection" Version="10.0.0" />
    <PackageReference Include="Microsoft.Extensions.Configuration.Binder" Version="10.0.0" />
    <PackageReference Include="Microsoft.Extensions.Options.ConfigurationExtensions" Version="10.0.0" />
  </ItemGroup>
</Project>
XML
cat > appsettings.json <<'JSON'
{ "OligoDecide": { "Classification": { "MaxLesions": 4 } } }
JSON
cat > Program.cs <<'CS'
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OligoDecide.DependencyInjection;
using OligoDecide.Documents;
using OligoDecide.Engine;
using OligoDecide.Output;

// Options bound from configuration, as an appsettings user writes it.
var config = new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json")).Build();
var services = new ServiceCollection();
services.Configure<OligoDecideOptions>(config.GetSection("OligoDecide"));
services.AddOligoDecide();
using var provider = services.BuildServiceProvider();
var engine = provider.GetRequiredService<IOligoDecideEngine>();

var result = PatientDocument.Load(args[0]);
if (!result.IsValid) return 2;
var decision = engine.Evaluate(result.Patient);
if (decision.Limits.MaxLesions != 4) return 4;                                     // the bound limit was used
if (OligoDecideEngine.CreateDefault().Evaluate(result.Patient).Limits.MaxLesions != 5) return 5; // and only there

// System.Text.Json writes the documented contract and reads it back.
var json = JsonSerializer.Serialize(decision, OligoDecideJsonContext.Default.Decision);
var back = JsonSerializer.Deserialize(json, OligoDecideJsonContext.Default.Decision)!;
if (JsonOutput.Write(back) != JsonOutput.Write(decision)) return 6;
Console.Write(JsonOutput.Write(decision));
return decision.ActiveOptions.Contains("mdt-discussion") ? 0 : 3;
CS
sed -i 's#</Project>#  <ItemGroup><None Include="appsettings.json" CopyToOutputDirectory="PreserveNewest" /></ItemGroup>\n</Project>#' consumer.csproj
dotnet build -c Release --nologo -v quiet
dotnet run -c Release --no-build -- "$root/seeds/patients/metachronous-oligorecurrence-controlled.yaml" > out.json
grep -q '"option": "sabr-all-metastases"' out.json
grep -q '"maxLesions": 4' out.json

# The CLI installs as a .NET tool from the folder feed and answers under its own name.
dotnet tool install OligoDecide.Cli --version "$version" --add-source "$tmp/feed" --tool-path "$tmp/tools" > /dev/null
"$tmp/tools/oligodecide" suggest "$root/seeds/patients/metachronous-oligorecurrence-controlled.yaml" --format json | grep -q '"option": "sabr-all-metastases"'
"$tmp/tools/oligodecide" --help | grep -q '^  oligodecide \[command\]'
# SourceLink: a library built from a clone whose origin is the hosted repository maps every source file
# in its PDB to that commit. The clone here has a local origin, so pack the core once more from a copy
# whose origin is the RepositoryUrl, and read the mapping out of the PDB in its symbols package.
if git -C "$root" rev-parse HEAD > /dev/null 2>&1; then
  commit=$(git -C "$root" rev-parse HEAD)
  git clone -q "$root" "$tmp/sourcelink"
  repo_url=$(sed -n 's#.*<RepositoryUrl>\(.*\)</RepositoryUrl>.*#\1#p' "$root/Directory.Build.props")
  git -C "$tmp/sourcelink" remote set-url origin "$repo_url.git"
  dotnet pack "$tmp/sourcelink/src/OligoDecide/OligoDecide.csproj" -c Release -o "$tmp/sourcelink-feed" -p:Version="$version" --nologo -v quiet
  unzip -p "$tmp/sourcelink-feed/OligoDecide.$version.snupkg" lib/net10.0/OligoDecide.pdb > "$tmp/OligoDecide.pdb"
  raw_prefix=$(echo "$repo_url" | sed 's#^https://github.com/#https://raw.githubusercontent.com/#')
  grep -aq "$raw_prefix/$commit/\*" "$tmp/OligoDecide.pdb" \
    || { echo "package smoke: the PDB of OligoDecide does not map its sources to $repo_url at $commit" >&2; exit 1; }
fi
echo "package smoke test: OligoDecide $version restored from the local folder: options bound from configuration, decision through System.Text.Json and back, the tool installed and ran, SourceLink maps the PDB to the commit"
