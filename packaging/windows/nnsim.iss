; Inno Setup script for nnsim on Windows: installs the folder PyInstaller builds from
; packaging/nnsim.spec (nnsim-gui.exe, the windowed app, and nnsim.exe, the command line),
; a Start-menu entry and the .nnsim file association. Students without administrator
; rights can install it for themselves (PrivilegesRequired=lowest).
;
; Built by .github/workflows/installers.yml after PyInstaller, from the repository root:
;   iscc /DAppVersion=<nnsim.__version__> packaging\windows\nnsim.iss
; (python packaging/bundle_config.py version prints it). Writes dist\nnsim-<version>-windows-x64-setup.exe.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z (python packaging/bundle_config.py version)
#endif
; Paths are relative to this file.
#ifndef DistDir
  #define DistDir "..\..\dist\nnsim"
#endif
#ifndef IconFile
  ; Written by the spec from resources\icons\nnsim.svg (packaging/make_icons.py).
  #define IconFile "..\..\build\pyinstaller\icons\nnsim.ico"
#endif
#define ProgId "nnsim.network"

[Setup]
; A fixed id: upgrades replace the previous version instead of installing beside it.
AppId={{DDF03057-C7D5-4250-AFA0-7AFB3D7F2385}
AppName=nnsim
AppVersion={#AppVersion}
AppVerName=nnsim {#AppVersion}
AppPublisher=the nnsim developers
AppComments=Neural-network simulator for teaching
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\nnsim
DefaultGroupName=nnsim
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
OutputDir=..\..\dist
OutputBaseFilename=nnsim-{#AppVersion}-windows-x64-setup
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\nnsim-gui.exe
UninstallDisplayName=nnsim {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=auto

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
; Inno Setup ships no official Chinese wizard text; a ChineseSimplified.isl put beside this
; file (its unofficial translation) adds the Chinese installer.
#ifexist "ChineseSimplified.isl"
Name: "zh_CN"; MessagesFile: "ChineseSimplified.isl"
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\nnsim"; Filename: "{app}\nnsim-gui.exe"; Comment: "Neural-network simulator for teaching"
Name: "{autodesktop}\nnsim"; Filename: "{app}\nnsim-gui.exe"; Tasks: desktopicon

[Registry]
; .nnsim → nnsim.network, opened by nnsim-gui.exe with the file as its argument.
Root: HKA; Subkey: "Software\Classes\.nnsim"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.nnsim"; ValueType: string; ValueName: "Content Type"; ValueData: "application/x-nnsim"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.nnsim\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "nnsim network"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\nnsim-gui.exe,0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\nnsim-gui.exe"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\nnsim-gui.exe\SupportedTypes"; ValueType: string; ValueName: ".nnsim"; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\nnsim-gui.exe"; Description: "{cm:LaunchProgram,nnsim}"; Flags: nowait postinstall skipifsilent
