package io.jfastdfs.image;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TargetSizeTest {

    private static Optional<TargetSize> of(int w, int h, int maxW, int maxH) {
        return TargetSize.of(400, 200, w, h, maxW, maxH);
    }

    @Test
    void bothSidesGivenAreExact() {
        assertEquals(Optional.of(new TargetSize(50, 70)), of(50, 70, 2000, 2000));
        assertEquals(Optional.of(new TargetSize(800, 300)), of(800, 300, 2000, 2000));
    }

    @Test
    void oneZeroSideFollowsTheAspectRatio() {
        assertEquals(Optional.of(new TargetSize(100, 50)), of(100, 0, 2000, 2000));
        assertEquals(Optional.of(new TargetSize(200, 100)), of(0, 100, 2000, 2000));
        assertEquals(Optional.of(new TargetSize(3, 2)), of(3, 0, 2000, 2000));
        assertEquals(Optional.of(new TargetSize(2, 1)), of(0, 1, 2000, 2000));
        assertEquals(Optional.of(new TargetSize(10, 1)), TargetSize.of(1000, 1, 10, 0, 2000, 2000), "never below 1");
    }

    @Test
    void clampsRequestedAndDerivedSides() {
        assertEquals(Optional.of(new TargetSize(300, 150)), of(1000, 0, 300, 2000));
        assertEquals(Optional.of(new TargetSize(300, 100)), of(1000, 100, 300, 2000));
        // 1000 wide would make it 500 high; the height clamp of 120 wins and the ratio is kept.
        assertEquals(Optional.of(new TargetSize(240, 120)), of(1000, 0, 2000, 120));
        assertEquals(Optional.of(new TargetSize(5000, 2500)), of(5000, 0, 0, 0));
    }

    @Test
    void nonPositiveSidesCountAsZero() {
        assertEquals(Optional.empty(), of(0, 0, 2000, 2000));
        assertEquals(Optional.empty(), of(-5, -1, 2000, 2000));
        assertEquals(Optional.of(new TargetSize(100, 50)), of(100, -30, 2000, 2000));
    }
}
