# One command to set up and run disastercenter on Windows (the twin of ./dev). See docs/setup.md.
#
#   .\dev.ps1 run [ARGS...]    set up, create the demo workspace if missing, open the app on it
#   .\dev.ps1 test [ARGS...]   set up, run the whole test suite (ARGS go to pytest)
#   .\dev.ps1 bench [ARGS...]  set up, run the benchmarks (ARGS go to `python -m bench`)
#   .\dev.ps1 setup            set up only: .venv and pip install -e ".[test]"
#
# Environment: PYTHON (interpreter to build .venv from), DEMO_DB (workspace for `run`),
# DISASTERCENTER_HOME (data dir, as in the app).
#
# There is deliberately no param() block: it would make this an advanced script that binds
# pytest's options itself (-v would become -Verbose, -k an unknown parameter). With plain $args
# every argument after the command reaches pytest untouched.
# Written for Windows PowerShell 5.1 as well as PowerShell 7: no ?? or ternaries, and no double
# quotes inside arguments to native programs (5.1 mangles them).

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

$Root = $PSScriptRoot
$CallerLocation = (Get-Location).ProviderPath
$Venv = Join-Path $Root '.venv'
$VPy = Join-Path $Venv 'Scripts\python.exe'
$Stamp = Join-Path $Venv '.dev-install-stamp'

if ($args.Count -gt 0) { $Command = [string]$args[0] } else { $Command = '' }
$Rest = @($args | Select-Object -Skip 1)

function Say([string]$Message) { Write-Host "dev: $Message" }

function Show-Usage {
    Write-Host @'
usage: .\dev.ps1 COMMAND [ARGS...]

  run [ARGS...]     set up, create the demo workspace if missing, open the app on it
                    (ARGS go to main.py; $env:DEMO_DB picks another workspace)
  test [ARGS...]    set up, run the test suite; ARGS go to pytest (.\dev.ps1 test -k search)
  bench [ARGS...]   set up, run the benchmarks; ARGS go to `python -m bench`
  setup             set up only: .venv and pip install -e ".[test]"

Setup is idempotent and quiet when nothing needs doing. See docs\setup.md.
'@
}

# Run a noisy native command with its output in a log; show the log only if it fails.
function Invoke-Quietly([string]$What, [string]$Exe, [string[]]$Arguments) {
    # Windows PowerShell 5.1 turns redirected stderr lines into errors; pip warns on stderr.
    $ErrorActionPreference = 'Continue'
    $log = [System.IO.Path]::GetTempFileName()
    & $Exe @Arguments *> $log
    $code = $LASTEXITCODE
    if ($code -ne 0) {
        Get-Content -LiteralPath $log -Tail 60 | ForEach-Object { Write-Host $_ }
        throw "$What failed (exit code $code; command: $Exe $($Arguments -join ' '); full log: $log)"
    }
    Remove-Item -LiteralPath $log -ErrorAction SilentlyContinue
}

# Is `$Exe @Prefix` a runnable Python >= 3.11? (The Microsoft Store's python.exe stub is not.)
function Test-Python([string]$Exe, [string[]]$Prefix) {
    if (-not (Get-Command $Exe -ErrorAction SilentlyContinue)) { return $false }
    $ErrorActionPreference = 'Continue'
    try {
        & $Exe @Prefix -c 'import sys; sys.exit(sys.version_info < (3, 11))' *> $null
        return ($LASTEXITCODE -eq 0)
    } catch {
        return $false
    }
}

# The interpreter to build .venv from, as @(exe, prefix args...).
function Find-Python {
    if ($env:PYTHON) {
        if (Test-Python $env:PYTHON @()) { return , @($env:PYTHON) }
        throw "PYTHON=$env:PYTHON is not a runnable Python >= 3.11"
    }
    $candidates = @(
        @('py', '-3.11'), @('py', '-3.12'), @('py', '-3.13'), @('py', '-3'),
        @('python3'), @('python')
    )
    foreach ($candidate in $candidates) {
        $prefix = @($candidate | Select-Object -Skip 1)
        if (Test-Python $candidate[0] $prefix) { return , $candidate }
    }
    throw ('no Python >= 3.11 found (tried py -3.11, py -3, python3, python). ' +
        'Install Python 3.11 from python.org (tick "Add python.exe to PATH"), or set $env:PYTHON.')
}

function Get-InstallFingerprint {
    # Changes when pyproject.toml changes or the checkout moves.
    $hash = (Get-FileHash -Algorithm SHA256 -LiteralPath (Join-Path $Root 'pyproject.toml')).Hash
    return "$hash|$Root"
}

function Initialize-Venv {
    $python = Find-Python
    $exe = $python[0]
    $prefix = @($python | Select-Object -Skip 1)
    if ((Test-Path -LiteralPath $Venv) -and -not (Test-Python $VPy @())) {
        Say "$Venv is broken or too old; recreating it"
        Remove-Item -LiteralPath $Venv -Recurse -Force
    }
    if (-not (Test-Path -LiteralPath $Venv)) {
        Say "creating $Venv with $($python -join ' ')"
        Invoke-Quietly 'creating the virtual environment' $exe ($prefix + @('-m', 'venv', $Venv))
    }
    $fingerprint = Get-InstallFingerprint
    if ((Test-Path -LiteralPath $Stamp) -and
        (([string](Get-Content -LiteralPath $Stamp -Raw -Encoding UTF8)).Trim() -eq $fingerprint)) {
        return
    }
    Say 'installing disastercenter and its test tools into .venv (pip install -e ".[test]")'
    Remove-Item -LiteralPath $Stamp -ErrorAction SilentlyContinue
    Invoke-Quietly 'upgrading pip' $VPy @('-m', 'pip', 'install', '--upgrade', '--disable-pip-version-check', 'pip')
    Invoke-Quietly 'pip install -e .[test]' $VPy @('-m', 'pip', 'install', '--disable-pip-version-check', '-e', '.[test]')
    Set-Content -LiteralPath $Stamp -Value $fingerprint -Encoding UTF8
}

function Get-DemoDb {
    if ($env:DEMO_DB) {
        # Relative to where you ran .\dev.ps1, not to the checkout.
        if ([System.IO.Path]::IsPathRooted($env:DEMO_DB)) { return $env:DEMO_DB }
        return Join-Path $CallerLocation $env:DEMO_DB
    }
    # The same rule as disastercenter.store.db.default_data_dir (platformdirs on Windows).
    if ($env:DISASTERCENTER_HOME) { $dataDir = $env:DISASTERCENTER_HOME }
    else { $dataDir = Join-Path $env:LOCALAPPDATA 'disastercenter' }
    return Join-Path (Join-Path $dataDir 'workspaces') 'demo.sqlite3'
}

function Initialize-DemoWorkspace([string]$Db) {
    $marker = "$Db.dev-incomplete"
    if (Test-Path -LiteralPath $marker) {
        # An earlier creation was interrupted: start again.
        Say "removing the incomplete demo workspace $Db"
        foreach ($file in @($Db, "$Db-wal", "$Db-shm", $marker)) {
            Remove-Item -LiteralPath $file -Force -ErrorAction SilentlyContinue
        }
    }
    if (Test-Path -LiteralPath $Db) { return }
    Say "creating the demo workspace $Db (300 evacuees, 5 shelters, 40 volunteers)"
    New-Item -ItemType Directory -Force -Path (Split-Path -Parent $Db) | Out-Null
    New-Item -ItemType File -Force -Path $marker | Out-Null
    Invoke-Quietly 'creating the demo workspace' $VPy @(
        '-m', 'disastercenter', '--db', $Db, 'demo',
        '--evacuees', '300', '--shelters', '5', '--volunteers', '40', '--seed', '1')
    Remove-Item -LiteralPath $marker
}

# Native programs run here uncaptured, straight to the console (pytest keeps its colours, the
# app its console); their exit code is kept in $script:ExitCode.
function Invoke-Dev {
    switch ($Command) {
        'run' {
            Initialize-Venv
            $db = Get-DemoDb
            Initialize-DemoWorkspace $db
            & $VPy main.py --db $db @Rest
            $script:ExitCode = $LASTEXITCODE
            break
        }
        'test' {
            Initialize-Venv
            $env:QT_QPA_PLATFORM = 'offscreen'
            & $VPy -m pytest @Rest
            $script:ExitCode = $LASTEXITCODE
            break
        }
        'bench' {
            Initialize-Venv
            & $VPy -m bench @Rest
            $script:ExitCode = $LASTEXITCODE
            break
        }
        'setup' {
            Initialize-Venv
            break
        }
        { $_ -in @('', '-h', '--help', 'help') } {
            Show-Usage
            break
        }
        default {
            Show-Usage
            Write-Host ''
            Write-Host "dev: unknown command: $Command"
            $script:ExitCode = 2
        }
    }
}

# Work from the checkout, but give the caller back its own folder and environment afterwards
# (a script's Set-Location and $env: changes would otherwise outlive it in the session).
$ExitCode = 0
$savedQtPlatform = $env:QT_QPA_PLATFORM
Push-Location -LiteralPath $Root
try {
    Invoke-Dev
} catch {
    Write-Host ''
    Write-Host "dev: ERROR: $($_.Exception.Message)" -ForegroundColor Red
    $ExitCode = 1
} finally {
    Pop-Location
    $env:QT_QPA_PLATFORM = $savedQtPlatform
}
exit $ExitCode
