; Included by electron-builder's NSIS installer (nsis.include in electron-builder.yml).
; The marker tells the app it was installed by NSIS, the installer electron-updater can run
; again for updates. The MSI writes no marker, so MSI installs keep their updater off
; (src-main/core/update/install-kind.ts).

!macro customInstall
  FileOpen $0 "$INSTDIR\resources\installed-by-nsis" w
  FileWrite $0 "nsis"
  FileClose $0
!macroend

!macro customUnInstall
  Delete "$INSTDIR\resources\installed-by-nsis"
!macroend
