enum WifiRiskNetlinkPlaceholder {}
