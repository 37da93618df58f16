
def bn(ch):
    # Keras momentum 0.8 -> PyTorch 0.2; tfjs' default epsilon 1e-3.
    return nn.BatchNorm2d(ch, momentum=0.2, eps=1e-3)


def conv3(cin, cout):
    """3x3 stride-1 conv with 'same' padding (1 on each side)."""
    return nn.Conv2d(cin, cout, 3, 1, padding=1)


class Generator(nn.Module):
    """ganvas 'dcgan-seed' (models/dcganSeed.ts): the Keras DCGAN, upsampling + 3x3 convs."""

    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(LATENT, 128 * 7 * 7),
            nn.Unflatten(1, (128, 7, 7)),
            bn(128),
            nn.Upsample(scale_factor=2, mode="nearest"),
            conv3(128, 128), bn(128), nn.LeakyReLU(0.2),
            nn.Upsample(scale_factor=2, mode="nearest"),
            conv3(128, 64), bn(64), nn.LeakyReLU(0.2),
            conv3(64, 1), nn.Tanh(),
        )
        init_weights(self, "glorot")

    def forward(self, z):
        return self.net(z)


class Discriminator(nn.Module):
    """Strided 3x3 convs with dropout (28 -> 14 -> 7 -> 4 -> 4); returns logits."""

    def __init__(self):
        super().__init__()
        # 'same' with stride 2 pads 1 in total on 28 and 14 (at the bottom/right,
        # as TF does) and 2 on 7 (symmetric, so plain padding=1).
        self.net = nn.Sequential(
            nn.ZeroPad2d((0, 1, 0, 1)), nn.Conv2d(1, 16, 3, 2), nn.LeakyReLU(0.2), nn.Dropout(0.25),
            nn.ZeroPad2d((0, 1, 0, 1)), nn.Conv2d(16, 32, 3, 2), bn(32), nn.LeakyReLU(0.2), nn.Dropout(0.25),
            nn.Conv2d(32, 64, 3, 2, padding=1), bn(64), nn.LeakyReLU(0.2), nn.Dropout(0.25),
            nn.Conv2d(64, 128, 3, 1, padding=1), bn(128), nn.LeakyReLU(0.2), nn.Dropout(0.25),
            nn.Flatten(), nn.Linear(4 * 4 * 128, 1),
        )
        init_weights(self, "glorot")

    def forward(self, x):
        return self.net(x)
