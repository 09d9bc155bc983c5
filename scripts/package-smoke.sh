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
  </ItemGroup>
</Project>
XML
cat > Program.cs <<'CS'
using OligoDecide.Documents;
using OligoDecide.Engine;
using OligoDecide.Output;

var engine = OligoDecideEngine.CreateDefault();
var patient = PatientDocument.Load(args[0]).GetPatientOrThrow();
var decision = engine.Evaluate(patient);
Console.Write(JsonOutput.Write(decision));
return decision.ActiveOptions.Contains("mdt-discussion") ? 0 : 3;
CS
dotnet run -c Release -- "$root/seeds/patients/metachronous-oligorecurrence-controlled.yaml" > out.json
grep -q '"option": "sabr-all-metastases"' out.json
echo "package smoke test: OligoDecide $version restored from the local folder and ran on a sample patient"
