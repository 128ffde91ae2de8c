/// wifirisk's version, as `--version`, reports and the portal probe's User-Agent give it.
public enum WifiRiskVersion {
  public static let current = "0.1.0"
}
