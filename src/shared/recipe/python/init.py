
def init_weights(module, kind):
    """As ganvas initialises: kernels glorot-uniform ("glorot") or N(0, 0.02)
    ("normal02", the DCGAN paper), biases zero; BatchNorm keeps gamma 1, beta 0."""
    for m in module.modules():
        if isinstance(m, (nn.Linear, nn.Conv2d, nn.ConvTranspose2d)):
            if kind == "glorot":
                nn.init.xavier_uniform_(m.weight)
            else:
                nn.init.normal_(m.weight, 0.0, 0.02)
            if m.bias is not None:
                nn.init.zeros_(m.bias)
