// bottleneck/light.js is the same API as bottleneck without its clustering;
// the throttling plugin uses it, and so does the write queue here.
declare module 'bottleneck/light.js' {
  import Bottleneck from 'bottleneck'
  export default Bottleneck
}
