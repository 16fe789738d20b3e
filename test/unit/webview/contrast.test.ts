// The contrast maths the themes e2e test asserts with, against WCAG's own reference values.

import assert from 'node:assert/strict';
import { contrast, parseColour } from '../../support/contrast';

describe('WCAG contrast', () => {
  const c = (a: string, b: string) => contrast(parseColour(a), parseColour(b));
  it('black on white is 21, a colour on itself 1, and the order does not matter', () => {
    assert.equal(c('rgb(0, 0, 0)', 'rgb(255, 255, 255)'), 21);
    assert.equal(c('rgb(18, 52, 86)', 'rgb(18, 52, 86)'), 1);
    assert.equal(c('rgb(255, 255, 255)', 'rgb(0, 0, 0)'), 21);
  });
  it('#767676 on white passes 4.5:1 and #777777 does not (the usual AA threshold greys)', () => {
    assert.ok(Math.abs(c('rgb(118, 118, 118)', 'rgb(255, 255, 255)') - 4.54) < 0.01);
    assert.ok(c('rgb(119, 119, 119)', 'rgb(255, 255, 255)') < 4.5);
  });
  it('a translucent colour is blended over the background first', () => {
    // Half-transparent black over white is rgb(127.5, ...): the same ratio as that grey.
    assert.equal(c('rgba(0, 0, 0, 0.5)', 'rgb(255, 255, 255)'), c('rgb(127.5, 127.5, 127.5)', 'rgb(255, 255, 255)'));
    assert.equal(c('rgba(0, 0, 0, 0)', 'rgb(255, 255, 255)'), 1);
    assert.throws(() => parseColour('red'));
  });
});
