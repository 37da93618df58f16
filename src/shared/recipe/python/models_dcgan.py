
def bn(ch):
    # Keras momentum 0.9 -> PyTorch 0.1; dcgan.ts sets epsilon 1e-5.
    return nn.BatchNorm2d(ch, momentum=0.1, eps=1e-5)


class Generator(nn.Module):
    """ganvas 'dcgan' and 'dcgan-lite' (models/dcgan.ts): DCGAN-28, transposed convs
    k4 s2 (7 -> 14 -> 28), WIDTH channels at 14x14 (64 and 16)."""

    def __init__(self):
        super().__init__()
        # tfjs 'same' padding for a k4 s2 transposed conv is 1 on each side.
        self.net = nn.Sequential(
            nn.Linear(LATENT, 7 * 7 * 2 * WIDTH, bias=False),
            nn.Unflatten(1, (2 * WIDTH, 7, 7)),
            bn(2 * WIDTH), nn.ReLU(),
            nn.ConvTranspose2d(2 * WIDTH, WIDTH, 4, 2, padding=1, bias=False),
            bn(WIDTH), nn.ReLU(),
            nn.ConvTranspose2d(WIDTH, 1, 4, 2, padding=1), nn.Tanh(),
        )
        init_weights(self, "normal02")

    def forward(self, z):
        return self.net(z)


class Discriminator(nn.Module):
    """Returns logits (the loss applies the sigmoid)."""

    def __init__(self):
        super().__init__()
        # k4 s2 'same' on 28 and 14 pads 1 on each side.
        self.net = nn.Sequential(
            nn.Conv2d(1, WIDTH, 4, 2, padding=1), nn.LeakyReLU(0.2),
            nn.Conv2d(WIDTH, 2 * WIDTH, 4, 2, padding=1, bias=False),
            bn(2 * WIDTH), nn.LeakyReLU(0.2),
            nn.Flatten(), nn.Linear(7 * 7 * 2 * WIDTH, 1),
        )
        init_weights(self, "normal02")

    def forward(self, x):
        return self.net(x)
