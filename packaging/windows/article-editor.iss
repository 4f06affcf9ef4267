; Inno Setup 6 script for Article Editor: a per-user installer around the PyInstaller folder build.
;
; Build (after `python packaging/build.py` on Windows):
;   iscc /DAppVersion=0.1.0 /DAppNumericVersion=0.1.0 packaging\windows\article-editor.iss
; Output: packaging\dist\article-editor-<version>-windows-x64-setup.exe
;
; Silent install / uninstall (what CI does):
;   article-editor-...-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /CURRENTUSER /LOG=install.log
;   "%LOCALAPPDATA%\Programs\Article Editor\unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART
;
; Why a folder build inside an installer rather than one self-extracting .exe: a one-file build
; unpacks itself into %TEMP% on every start, which is slow and is the pattern antivirus heuristics
; flag (the reason novelWriter dropped it).

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
; Windows version resources take numbers only (0.2.0rc1 -> 0.2.0): pass /DAppNumericVersion=...
#ifndef AppNumericVersion
  #define AppNumericVersion AppVersion
#endif
#define AppName "Article Editor"
#define AppExe "article-editor.exe"
#define AppCli "article-editor-cli.exe"
#define ProgId "ArticleEditor.Markdown"
#define DistDir "..\dist\article-editor"
#define IconFile "..\build\icons\article-editor.ico"

[Setup]
; AppId must never change: it is how an upgrade finds the previous installation.
AppId={{6F1C2E0B-5A47-4D8E-9C35-2B7E8A41D9F3}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Article Editor developers
VersionInfoVersion={#AppNumericVersion}
; Per user, never admin: installs to %LOCALAPPDATA%\Programs and writes only HKCU.
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\dist
OutputBaseFilename=article-editor-{#AppVersion}-windows-x64-setup
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/ultra64
SolidCompression=yes
WizardStyle=modern
; Tell Explorer that "Open with" changed, and close a running copy before replacing its files.
ChangesAssociations=yes
CloseApplications=yes
RestartApplications=no
; Signing: see packaging/README.md. With a certificate, define a sign tool named "signtool" in the
; Inno Setup IDE or pass /Ssigntool=... to iscc and uncomment the next line; setup.exe and the
; uninstaller are then signed as they are written.
;SignTool=signtool
;SignedUninstaller=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade must not mix old and new libraries: PyInstaller's _internal folder changes contents
; between versions (another Qt, another Python), and a stale .pyd or DLL left behind breaks
; the start. Remove it before copying the new one.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#DistDir}\{#AppExe}"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#DistDir}\{#AppCli}"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#DistDir}\_internal\*"; DestDir: "{app}\_internal"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Edit markdown articles with front matter"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; "Open with" for .md and .markdown without taking the default: a ProgID of our own, listed under
; each extension's OpenWithProgids. The extensions' default value (the user's chosen app) is never
; written. HKA is HKCU in a per-user install.
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "Markdown article"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: "FriendlyTypeName"; ValueData: "Markdown article"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\.md\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.markdown\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
; The application's own entry: its name in "Open with" lists and the types it says it supports.
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".md"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".markdown"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Files the app writes next to itself (none today); keep the folder from lingering if any appear.
Type: dirifempty; Name: "{app}"
