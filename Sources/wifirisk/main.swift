import WifiRiskCLI

WifiRiskCommand.main()
