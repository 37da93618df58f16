
class Generator(nn.Module):
    """ganvas 'mlp' (models/mlp.ts): the Keras tutorial GAN, one hidden layer of 128."""

    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(LATENT, 128), nn.ReLU(),
            nn.Linear(128, 784), nn.Tanh(),
            nn.Unflatten(1, (1, 28, 28)),
        )
        init_weights(self, "glorot")

    def forward(self, z):
        return self.net(z)


class Discriminator(nn.Module):
    """Returns logits (the loss applies the sigmoid)."""

    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Flatten(), nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 1))
        init_weights(self, "glorot")

    def forward(self, x):
        return self.net(x)
