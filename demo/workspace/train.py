"""Where the demo models come from (illustrative: Model Lens reads the .onnx files named here)."""
WINE_MODEL = "models/wine_classifier.onnx"  # StandardScaler + LogisticRegression, 13 features, 3 cultivars
DIABETES_MODEL = "models/diabetes_regressor.onnx"  # GradientBoostingRegressor, 10 features
DIABETES_MLP = "models/diabetes_mlp.onnx"  # PyTorch MLP 10 -> 64 -> 64 -> 2
DIGITS_CNN = "models/digits_cnn.onnx"  # PyTorch CNN on 1x28x28 digit images


def main() -> None:
    for path in (WINE_MODEL, DIABETES_MODEL, DIABETES_MLP, DIGITS_CNN):
        print("exported", path)


if __name__ == "__main__":
    main()
