(module
 (type $0 (func (param i32) (result i32)))
 (type $1 (func (param i64) (result i64)))
 (type $2 (func (param i64) (result i32)))
 (type $3 (func (param i32 i32 i32) (result i32)))
 (global $digest_count (mut i32) (i32.const 0))
 (memory $0 19 32768)
 (data $0 (i32.const 64) "\00\00\00\00\960\07w,a\0e\ee\baQ\t\99\19\c4m\07\8f\f4jp5\a5c\e9\a3\95d\9e2\88\db\0e\a4\b8\dcy\1e\e9\d5\e0\88\d9\d2\97+L\b6\t\bd|\b1~\07-\b8\e7\91\1d\bf\90d\10\b7\1d\f2 \b0jHq\b9\f3\deA\be\84}\d4\da\1a\eb\e4\ddmQ\b5\d4\f4\c7\85\d3\83V\98l\13\c0\a8kdz\f9b\fd\ec\c9e\8aO\\\01\14\d9l\06cc=\0f\fa\f5\r\08\8d\c8 n;^\10iL\e4A`\d5rqg\a2\d1\e4\03<G\d4\04K\fd\85\r\d2k\b5\n\a5\fa\a8\b55l\98\b2B\d6\c9\bb\db@\f9\bc\ac\e3l\d82u\\\dfE\cf\r\d6\dcY=\d1\ab\ac0\d9&:\00\deQ\80Q\d7\c8\16a\d0\bf\b5\f4\b4!#\c4\b3V\99\95\ba\cf\0f\a5\bd\b8\9e\b8\02(\08\88\05_\b2\d9\0c\c6$\e9\0b\b1\87|o/\11LhX\ab\1da\c1=-f\b6\90A\dcv\06q\db\01\bc \d2\98*\10\d5\ef\89\85\b1q\1f\b5\b6\06\a5\e4\bf\9f3\d4\b8\e8\a2\c9\07x4\f9\00\0f\8e\a8\t\96\18\98\0e\e1\bb\rj\7f-=m\08\97ld\91\01\\c\e6\f4Qkkbal\1c\d80e\85N\00b\f2\ed\95\06l{\a5\01\1b\c1\f4\08\82W\c4\0f\f5\c6\d9\b0eP\e9\b7\12\ea\b8\be\8b|\88\b9\fc\df\1d\ddbI-\da\15\f3|\d3\8ceL\d4\fbXa\b2M\ceQ\b5:t\00\bc\a3\e20\bb\d4A\a5\dfJ\d7\95\d8=m\c4\d1\a4\fb\f4\d6\d3j\e9iC\fc\d9n4F\88g\ad\d0\b8`\das-\04D\e5\1d\033_L\n\aa\c9|\r\dd<q\05P\aaA\02\'\10\10\0b\be\86 \0c\c9%\b5hW\b3\85o \t\d4f\b9\9f\e4a\ce\0e\f9\de^\98\c9\d9)\"\98\d0\b0\b4\a8\d7\c7\17=\b3Y\81\r\b4.;\\\bd\b7\adl\ba\c0 \83\b8\ed\b6\b3\bf\9a\0c\e2\b6\03\9a\d2\b1t9G\d5\ea\afw\d2\9d\15&\db\04\83\16\dcs\12\0bc\e3\84;d\94>jm\r\a8Zjz\0b\cf\0e\e4\9d\ff\t\93\'\ae\00\n\b1\9e\07}D\93\0f\f0\d2\a3\08\87h\f2\01\1e\fe\c2\06i]Wb\f7\cbge\80q6l\19\e7\06knv\1b\d4\fe\e0+\d3\89Zz\da\10\ccJ\ddgo\df\b9\f9\f9\ef\be\8eC\be\b7\17\d5\8e\b0`\e8\a3\d6\d6~\93\d1\a1\c4\c2\d88R\f2\dfO\f1g\bb\d1gW\bc\a6\dd\06\b5?K6\b2H\da+\r\d8L\1b\n\af\f6J\036`z\04A\c3\ef`\dfU\dfg\a8\ef\8en1y\beiF\8c\b3a\cb\1a\83f\bc\a0\d2o%6\e2hR\95w\0c\cc\03G\0b\bb\b9\16\02\"/&\05U\be;\ba\c5(\0b\bd\b2\92Z\b4+\04j\b3\\\a7\ff\d7\c21\cf\d0\b5\8b\9e\d9,\1d\ae\de[\b0\c2d\9b&\f2c\ec\9c\a3ju\n\93m\02\a9\06\t\9c?6\0e\eb\85g\07r\13W\00\05\82J\bf\95\14z\b8\e2\ae+\b1{8\1b\b6\0c\9b\8e\d2\92\r\be\d5\e5\b7\ef\dc|!\df\db\0b\d4\d2\d3\86B\e2\d4\f1\f8\b3\ddhn\83\da\1f\cd\16\be\81[&\b9\f6\e1w\b0owG\b7\18\e6Z\08\88pj\0f\ff\ca;\06f\\\0b\01\11\ff\9ee\8fi\aeb\f8\d3\ffkaE\cfl\16x\e2\n\a0\ee\d2\r\d7T\83\04N\c2\b3\039a&g\a7\f7\16`\d0MGiI\dbwn>Jj\d1\ae\dcZ\d6\d9f\0b\df@\f0;\d87S\ae\bc\a9\c5\9e\bb\de\7f\cf\b2G\e9\ff\b50\1c\f2\bd\bd\8a\c2\ba\ca0\93\b3S\a6\a3\b4$\056\d0\ba\93\06\d7\cd)W\deT\bfg\d9#.zf\b3\b8Ja\c4\02\1bh]\94+o*7\be\0b\b4\a1\8e\0c\c3\1b\df\05Z\8d\ef\02-")
 (data $1 (i32.const 1088) "\00\00\00\00\c1\c0\00\00\81\c1\00\00@\01\00\00\01\c3\00\00\c0\03\00\00\80\02\00\00A\c2\00\00\01\c6\00\00\c0\06\00\00\80\07\00\00A\c7\00\00\00\05\00\00\c1\c5\00\00\81\c4\00\00@\04\00\00\01\cc\00\00\c0\0c\00\00\80\r\00\00A\cd\00\00\00\0f\00\00\c1\cf\00\00\81\ce\00\00@\0e\00\00\00\n\00\00\c1\ca\00\00\81\cb\00\00@\0b\00\00\01\c9\00\00\c0\t\00\00\80\08\00\00A\c8\00\00\01\d8\00\00\c0\18\00\00\80\19\00\00A\d9\00\00\00\1b\00\00\c1\db\00\00\81\da\00\00@\1a\00\00\00\1e\00\00\c1\de\00\00\81\df\00\00@\1f\00\00\01\dd\00\00\c0\1d\00\00\80\1c\00\00A\dc\00\00\00\14\00\00\c1\d4\00\00\81\d5\00\00@\15\00\00\01\d7\00\00\c0\17\00\00\80\16\00\00A\d6\00\00\01\d2\00\00\c0\12\00\00\80\13\00\00A\d3\00\00\00\11\00\00\c1\d1\00\00\81\d0\00\00@\10\00\00\01\f0\00\00\c00\00\00\801\00\00A\f1\00\00\003\00\00\c1\f3\00\00\81\f2\00\00@2\00\00\006\00\00\c1\f6\00\00\81\f7\00\00@7\00\00\01\f5\00\00\c05\00\00\804\00\00A\f4\00\00\00<\00\00\c1\fc\00\00\81\fd\00\00@=\00\00\01\ff\00\00\c0?\00\00\80>\00\00A\fe\00\00\01\fa\00\00\c0:\00\00\80;\00\00A\fb\00\00\009\00\00\c1\f9\00\00\81\f8\00\00@8\00\00\00(\00\00\c1\e8\00\00\81\e9\00\00@)\00\00\01\eb\00\00\c0+\00\00\80*\00\00A\ea\00\00\01\ee\00\00\c0.\00\00\80/\00\00A\ef\00\00\00-\00\00\c1\ed\00\00\81\ec\00\00@,\00\00\01\e4\00\00\c0$\00\00\80%\00\00A\e5\00\00\00\'\00\00\c1\e7\00\00\81\e6\00\00@&\00\00\00\"\00\00\c1\e2\00\00\81\e3\00\00@#\00\00\01\e1\00\00\c0!\00\00\80 \00\00A\e0\00\00\01\a0\00\00\c0`\00\00\80a\00\00A\a1\00\00\00c\00\00\c1\a3\00\00\81\a2\00\00@b\00\00\00f\00\00\c1\a6\00\00\81\a7\00\00@g\00\00\01\a5\00\00\c0e\00\00\80d\00\00A\a4\00\00\00l\00\00\c1\ac\00\00\81\ad\00\00@m\00\00\01\af\00\00\c0o\00\00\80n\00\00A\ae\00\00\01\aa\00\00\c0j\00\00\80k\00\00A\ab\00\00\00i\00\00\c1\a9\00\00\81\a8\00\00@h\00\00\00x\00\00\c1\b8\00\00\81\b9\00\00@y\00\00\01\bb\00\00\c0{\00\00\80z\00\00A\ba\00\00\01\be\00\00\c0~\00\00\80\7f\00\00A\bf\00\00\00}\00\00\c1\bd\00\00\81\bc\00\00@|\00\00\01\b4\00\00\c0t\00\00\80u\00\00A\b5\00\00\00w\00\00\c1\b7\00\00\81\b6\00\00@v\00\00\00r\00\00\c1\b2\00\00\81\b3\00\00@s\00\00\01\b1\00\00\c0q\00\00\80p\00\00A\b0\00\00\00P\00\00\c1\90\00\00\81\91\00\00@Q\00\00\01\93\00\00\c0S\00\00\80R\00\00A\92\00\00\01\96\00\00\c0V\00\00\80W\00\00A\97\00\00\00U\00\00\c1\95\00\00\81\94\00\00@T\00\00\01\9c\00\00\c0\\\00\00\80]\00\00A\9d\00\00\00_\00\00\c1\9f\00\00\81\9e\00\00@^\00\00\00Z\00\00\c1\9a\00\00\81\9b\00\00@[\00\00\01\99\00\00\c0Y\00\00\80X\00\00A\98\00\00\01\88\00\00\c0H\00\00\80I\00\00A\89\00\00\00K\00\00\c1\8b\00\00\81\8a\00\00@J\00\00\00N\00\00\c1\8e\00\00\81\8f\00\00@O\00\00\01\8d\00\00\c0M\00\00\80L\00\00A\8c\00\00\00D\00\00\c1\84\00\00\81\85\00\00@E\00\00\01\87\00\00\c0G\00\00\80F\00\00A\86\00\00\01\82\00\00\c0B\00\00\80C\00\00A\83\00\00\00A\00\00\c1\81\00\00\81\80\00\00@@\00\00")
 (export "memory" (memory $0))
 (export "digest_count" (global $digest_count))
 (export "process" (func $process))
 (func $bswap32 (param $0 i32) (result i32)
  (i32.or
   (i32.and
    (i32.rotl
     (local.get $0)
     (i32.const 8)
    )
    (i32.const 16711935)
   )
   (i32.and
    (i32.rotr
     (local.get $0)
     (i32.const 8)
    )
    (i32.const -16711936)
   )
  )
 )
 (func $bswap64 (param $0 i64) (result i64)
  (i64.rotl
   (i64.or
    (i64.and
     (i64.shr_u
      (local.tee $0
       (i64.or
        (i64.and
         (i64.shr_u
          (local.get $0)
          (i64.const 8)
         )
         (i64.const 71777214294589695)
        )
        (i64.shl
         (i64.and
          (local.get $0)
          (i64.const 71777214294589695)
         )
         (i64.const 8)
        )
       )
      )
      (i64.const 16)
     )
     (i64.const 281470681808895)
    )
    (i64.shl
     (i64.and
      (local.get $0)
      (i64.const 281470681808895)
     )
     (i64.const 16)
    )
   )
   (i64.const 32)
  )
 )
 (func $hash1 (param $0 i64) (result i32)
  (local $1 i32)
  (i32.xor
   (i32.shr_u
    (local.tee $1
     (i32.mul
      (i32.xor
       (i32.shr_u
        (local.tee $1
         (i32.mul
          (i32.xor
           (i32.shr_u
            (local.tee $1
             (i32.xor
              (i32.sub
               (i32.mul
                (i32.rotl
                 (i32.xor
                  (i32.sub
                   (i32.mul
                    (i32.rotl
                     (i32.mul
                      (i32.rotl
                       (i32.mul
                        (i32.wrap_i64
                         (local.get $0)
                        )
                        (i32.const -862048943)
                       )
                       (i32.const 15)
                      )
                      (i32.const 461845907)
                     )
                     (i32.const 13)
                    )
                    (i32.const 5)
                   )
                   (i32.const 430675100)
                  )
                  (i32.mul
                   (i32.rotl
                    (i32.mul
                     (i32.wrap_i64
                      (i64.shr_u
                       (local.get $0)
                       (i64.const 32)
                      )
                     )
                     (i32.const -862048943)
                    )
                    (i32.const 15)
                   )
                   (i32.const 461845907)
                  )
                 )
                 (i32.const 13)
                )
                (i32.const 5)
               )
               (i32.const 430675100)
              )
              (i32.const 8)
             )
            )
            (i32.const 16)
           )
           (local.get $1)
          )
          (i32.const -2048144789)
         )
        )
        (i32.const 13)
       )
       (local.get $1)
      )
      (i32.const -1028477387)
     )
    )
    (i32.const 16)
   )
   (local.get $1)
  )
 )
 (func $process (param $0 i32) (param $1 i32) (param $2 i32) (result i32)
  (local $3 i32)
  (local $4 i32)
  (local $5 i64)
  (local $6 i32)
  (local $7 i32)
  (local $8 i64)
  (local $9 i32)
  (local $10 i32)
  (local $11 i32)
  (local $12 i32)
  (local $13 i32)
  (local $14 i64)
  (local $15 i32)
  (local $16 i64)
  (local $17 i32)
  (local $18 i32)
  (local $19 i32)
  (local $20 i32)
  (local $21 i64)
  (local $22 i64)
  (local $23 i64)
  (local $24 i64)
  (local $25 i32)
  (local $26 i32)
  (local $27 i32)
  (local $28 i64)
  (local $29 i64)
  (local $30 i32)
  (local $31 i32)
  (loop $next
   (if
    (i32.eqz
     (i32.or
      (i32.le_u
       (local.get $1)
       (local.get $11)
      )
      (i32.gt_u
       (global.get $digest_count)
       (i32.const 4094)
      )
     )
    )
    (then
     (local.set $17
      (i32.add
       (i32.add
        (local.get $0)
        (i32.mul
         (local.get $1)
         (i32.const 40)
        )
       )
       (i32.sub
        (i32.mul
         (local.get $2)
         (local.get $11)
        )
        (i32.const -64)
       )
      )
     )
     (local.set $4
      (i32.const 0)
     )
     (local.set $8
      (i64.const 0)
     )
     (local.set $6
      (i32.const 0)
     )
     (local.set $18
      (i32.const 0)
     )
     (local.set $12
      (i32.const 0)
     )
     (local.set $19
      (i32.const 0)
     )
     (local.set $16
      (i64.const 0)
     )
     (local.set $20
      (i32.const 0)
     )
     (local.set $22
      (i64.const 0)
     )
     (local.set $23
      (i64.const 0)
     )
     (local.set $27
      (i32.const 0)
     )
     (local.set $28
      (i64.const 0)
     )
     (local.set $29
      (i64.const 0)
     )
     (local.set $14
      (i64.load32_s offset=4
       (local.tee $13
        (i32.add
         (local.get $0)
         (i32.mul
          (local.get $11)
          (i32.const 40)
         )
        )
       )
      )
     )
     (local.set $24
      (i64.extend_i32_u
       (local.tee $30
        (i32.load
         (local.get $13)
        )
       )
      )
     )
     (drop
      (i64.load offset=8
       (local.get $13)
      )
     )
     (block $parser_accept
      (if
       (i32.lt_u
        (local.get $30)
        (i32.const 14)
       )
       (then
        (local.set $22
         (i64.const 1)
        )
        (br $parser_accept)
       )
      )
      (local.set $16
       (i64.and
        (i64.shr_u
         (local.tee $5
          (call $bswap64
           (i64.load align=1
            (local.get $17)
           )
          )
         )
         (i64.const 16)
        )
        (i64.const 281474976710655)
       )
      )
      (local.set $8
       (i64.and
        (i64.or
         (i64.shl
          (local.get $5)
          (i64.const 32)
         )
         (i64.shr_u
          (local.tee $5
           (i64.or
            (i64.shl
             (i64.extend_i32_u
              (call $bswap32
               (i32.load offset=8 align=1
                (local.get $17)
               )
              )
             )
             (i64.const 16)
            )
            (i64.extend_i32_u
             (i32.shr_u
              (call $bswap32
               (i32.load16_u offset=12 align=1
                (local.get $17)
               )
              )
              (i32.const 16)
             )
            )
           )
          )
          (i64.const 16)
         )
        )
        (i64.const 281474976710655)
       )
      )
      (local.set $23
       (i64.and
        (local.get $5)
        (i64.const 65535)
       )
      )
      (local.set $20
       (i32.const 1)
      )
      (local.set $27
       (i32.const 14)
      )
     )
     (if
      (i64.lt_u
       (local.get $14)
       (i64.const 16)
      )
      (then
       (i64.store
        (local.tee $3
         (i32.add
          (i32.shl
           (i32.wrap_i64
            (local.get $14)
           )
           (i32.const 4)
          )
          (i32.const 2208)
         )
        )
        (i64.add
         (i64.load
          (local.get $3)
         )
         (i64.const 1)
        )
       )
       (i64.store offset=8
        (local.get $3)
        (i64.add
         (i64.load offset=8
          (local.get $3)
         )
         (local.get $24)
        )
       )
      )
     )
     (block $ingress_exit
      (br_if $ingress_exit
       (i32.or
        (i32.wrap_i64
         (local.get $22)
        )
        (i32.wrap_i64
         (i64.and
          (i64.shr_u
           (local.get $8)
           (i64.const 40)
          )
          (i64.const 1)
         )
        )
       )
      )
      (local.set $24
       (i64.or
        (i64.shl
         (local.get $16)
         (i64.const 16)
        )
        (local.get $23)
       )
      )
      (local.set $7
       (i32.load
        (i32.const 2192)
       )
      )
      (local.set $9
       (i32.load
        (i32.const 2196)
       )
      )
      (local.set $15
       (i32.load
        (i32.const 2200)
       )
      )
      (local.set $21
       (i64.const -1)
      )
      (loop $group
       (block $done0
        (br_if $done0
         (i32.le_u
          (local.get $15)
          (local.get $18)
         )
        )
        (br_if $done0
         (i64.lt_s
          (i64.load32_s offset=8
           (local.tee $3
            (i32.add
             (local.get $9)
             (i32.mul
              (local.get $18)
              (i32.const 24)
             )
            )
           )
          )
          (local.get $21)
         )
        )
        (local.set $10
         (i32.load offset=12
          (local.get $3)
         )
        )
        (local.set $25
         (i32.load offset=16
          (local.get $3)
         )
        )
        (local.set $26
         (i32.and
          (call $hash1
           (local.tee $5
            (i64.and
             (local.get $24)
             (i64.load
              (local.get $3)
             )
            )
           )
          )
          (local.get $25)
         )
        )
        (local.set $31
         (i32.const 0)
        )
        (block $next_group
         (block $found
          (loop $probe
           (br_if $next_group
            (i32.eqz
             (local.tee $6
              (i32.load offset=8
               (local.tee $3
                (i32.add
                 (local.get $10)
                 (i32.shl
                  (local.get $26)
                  (i32.const 4)
                 )
                )
               )
              )
             )
            )
           )
           (br_if $found
            (i32.and
             (i32.ne
              (local.get $6)
              (i32.const -1)
             )
             (i64.eq
              (i64.load
               (local.get $3)
              )
              (local.get $5)
             )
            )
           )
           (local.set $26
            (i32.and
             (i32.add
              (local.get $26)
              (i32.const 1)
             )
             (local.get $25)
            )
           )
           (br_if $probe
            (i32.ge_u
             (local.get $25)
             (local.tee $31
              (i32.add
               (local.get $31)
               (i32.const 1)
              )
             )
            )
           )
          )
          (br $next_group)
         )
         (if
          (i32.or
           (i32.and
            (i32.lt_u
             (local.tee $3
              (i32.load offset=4
               (local.tee $10
                (i32.add
                 (local.get $7)
                 (i32.shl
                  (i32.sub
                   (local.get $6)
                   (i32.const 1)
                  )
                  (i32.const 5)
                 )
                )
               )
              )
             )
             (local.get $12)
            )
            (i64.eq
             (local.tee $5
              (i64.load32_s offset=8
               (local.get $10)
              )
             )
             (local.get $21)
            )
           )
           (i64.gt_s
            (local.get $5)
            (local.get $21)
           )
          )
          (then
           (local.set $4
            (block (result i32)
             (local.set $12
              (local.get $3)
             )
             (local.set $21
              (local.get $5)
             )
             (local.get $10)
            )
           )
          )
         )
        )
        (local.set $18
         (i32.add
          (local.get $18)
          (i32.const 1)
         )
        )
        (br $group)
       )
      )
      (local.set $6
       (select
        (i32.const 0)
        (i32.const 2)
        (i32.load
         (select
          (local.get $4)
          (i32.const 2204)
          (local.get $4)
         )
        )
       )
      )
      (br_if $ingress_exit
       (local.get $4)
      )
      (local.set $3
       (if (result i32)
        (local.tee $3
         (block $__inlined_func$lookup_smac$1 (result i32)
          (local.set $15
           (i32.load
            (i32.const 2128)
           )
          )
          (local.set $10
           (i32.load
            (i32.const 2132)
           )
          )
          (local.set $7
           (i32.load
            (i32.const 2136)
           )
          )
          (local.set $4
           (i32.and
            (call $hash1
             (local.get $8)
            )
            (local.get $7)
           )
          )
          (local.set $12
           (i32.const 0)
          )
          (block $miss
           (block $hit
            (loop $probe0
             (br_if $miss
              (i32.eqz
               (local.tee $9
                (i32.load offset=8
                 (local.tee $3
                  (i32.add
                   (local.get $10)
                   (i32.shl
                    (local.get $4)
                    (i32.const 4)
                   )
                  )
                 )
                )
               )
              )
             )
             (br_if $hit
              (i32.and
               (i32.ne
                (local.get $9)
                (i32.const -1)
               )
               (i64.eq
                (i64.load
                 (local.get $3)
                )
                (local.get $8)
               )
              )
             )
             (local.set $4
              (i32.and
               (i32.add
                (local.get $4)
                (i32.const 1)
               )
               (local.get $7)
              )
             )
             (br_if $probe0
              (i32.ge_u
               (local.get $7)
               (local.tee $12
                (i32.add
                 (local.get $12)
                 (i32.const 1)
                )
               )
              )
             )
            )
            (br $miss)
           )
           (br $__inlined_func$lookup_smac$1
            (i32.add
             (local.get $15)
             (i32.mul
              (i32.sub
               (local.get $9)
               (i32.const 1)
              )
              (i32.const 40)
             )
            )
           )
          )
          (i32.const 0)
         )
        )
        (then
         (local.set $4
          (i32.load
           (local.get $3)
          )
         )
         (i32.add
          (local.get $3)
          (i32.const 32)
         )
        )
        (else
         (local.set $4
          (i32.load
           (i32.const 2140)
          )
         )
         (i32.const 2144)
        )
       )
      )
      (block $t1_end
       (block $t1_a1
        (block $t1_a0
         (br_table $t1_a0 $t1_a1 $t1_end
          (local.get $4)
         )
        )
        (local.set $28
         (i64.load
          (local.get $3)
         )
        )
        (br $t1_end)
       )
       (i32.store
        (local.tee $3
         (i32.add
          (i32.mul
           (global.get $digest_count)
           (i32.const 40)
          )
          (i32.const 2464)
         )
        )
        (local.get $11)
       )
       (i32.store offset=4
        (local.get $3)
        (i32.const 0)
       )
       (i64.store offset=8
        (local.get $3)
        (local.get $8)
       )
       (i64.store offset=16
        (local.get $3)
        (i64.const 0)
       )
       (i64.store offset=24
        (local.get $3)
        (local.get $14)
       )
       (i64.store offset=32
        (local.get $3)
        (i64.const 0)
       )
       (global.set $digest_count
        (i32.add
         (global.get $digest_count)
         (i32.const 1)
        )
       )
      )
      (if
       (i32.and
        (i64.eqz
         (i64.extend_i32_u
          (local.get $4)
         )
        )
        (i64.ne
         (local.get $14)
         (local.get $28)
        )
       )
       (then
        (i32.store
         (local.tee $4
          (i32.add
           (i32.mul
            (global.get $digest_count)
            (i32.const 40)
           )
           (i32.const 2464)
          )
         )
         (local.get $11)
        )
        (i32.store offset=4
         (local.get $4)
         (i32.const 0)
        )
        (i64.store offset=8
         (local.get $4)
         (local.get $8)
        )
        (i64.store offset=16
         (local.get $4)
         (i64.const 0)
        )
        (i64.store offset=24
         (local.get $4)
         (local.get $14)
        )
        (i64.store offset=32
         (local.get $4)
         (i64.const 0)
        )
        (global.set $digest_count
         (i32.add
          (global.get $digest_count)
          (i32.const 1)
         )
        )
       )
      )
      (local.set $4
       (if (result i32)
        (local.tee $4
         (block $__inlined_func$lookup_dmac$2 (result i32)
          (local.set $12
           (i32.load
            (i32.const 2160)
           )
          )
          (local.set $10
           (i32.load
            (i32.const 2164)
           )
          )
          (local.set $7
           (i32.load
            (i32.const 2168)
           )
          )
          (local.set $9
           (i32.and
            (call $hash1
             (local.get $16)
            )
            (local.get $7)
           )
          )
          (local.set $4
           (i32.const 0)
          )
          (block $miss1
           (block $hit2
            (loop $probe3
             (br_if $miss1
              (i32.eqz
               (local.tee $15
                (i32.load offset=8
                 (local.tee $3
                  (i32.add
                   (local.get $10)
                   (i32.shl
                    (local.get $9)
                    (i32.const 4)
                   )
                  )
                 )
                )
               )
              )
             )
             (br_if $hit2
              (i32.and
               (i32.ne
                (local.get $15)
                (i32.const -1)
               )
               (i64.eq
                (i64.load
                 (local.get $3)
                )
                (local.get $16)
               )
              )
             )
             (local.set $9
              (i32.and
               (i32.add
                (local.get $9)
                (i32.const 1)
               )
               (local.get $7)
              )
             )
             (br_if $probe3
              (i32.ge_u
               (local.get $7)
               (local.tee $4
                (i32.add
                 (local.get $4)
                 (i32.const 1)
                )
               )
              )
             )
            )
            (br $miss1)
           )
           (br $__inlined_func$lookup_dmac$2
            (i32.add
             (local.get $12)
             (i32.mul
              (i32.sub
               (local.get $15)
               (i32.const 1)
              )
              (i32.const 40)
             )
            )
           )
          )
          (i32.const 0)
         )
        )
        (then
         (local.set $3
          (i32.load
           (local.get $4)
          )
         )
         (i32.add
          (local.get $4)
          (i32.const 32)
         )
        )
        (else
         (local.set $3
          (i32.load
           (i32.const 2172)
          )
         )
         (i32.const 2176)
        )
       )
      )
      (block $t2_end
       (block $t2_a1
        (block $t2_a0
         (br_table $t2_a0 $t2_a1 $t2_end
          (local.get $3)
         )
        )
        (local.set $29
         (local.tee $5
          (i64.load
           (local.get $4)
          )
         )
        )
        (local.set $6
         (i32.const 1)
        )
        (local.set $19
         (i32.wrap_i64
          (local.get $5)
         )
        )
        (br $t2_end)
       )
       (local.set $6
        (i32.const 4)
       )
       (local.set $19
        (i32.const 1)
       )
      )
      (if
       (i32.and
        (i64.eqz
         (i64.extend_i32_u
          (local.get $3)
         )
        )
        (i64.eq
         (local.get $14)
         (local.get $29)
        )
       )
       (then
        (local.set $6
         (block (result i32)
          (local.set $19
           (i32.const 0)
          )
          (i32.const 0)
         )
        )
       )
      )
     )
     (i32.store offset=16
      (local.get $13)
      (local.get $6)
     )
     (i32.store offset=20
      (local.get $13)
      (local.get $19)
     )
     (i64.store32 offset=32
      (local.get $13)
      (local.get $22)
     )
     (if
      (local.get $6)
      (then
       (if
        (i32.and
         (i32.ne
          (i32.add
           (local.tee $3
            (i32.sub
             (local.get $27)
             (i32.mul
              (local.get $20)
              (i32.const 14)
             )
            )
           )
           (i32.const 1)
          )
          (local.get $20)
         )
         (local.get $20)
        )
        (then
         (i64.store align=1
          (local.tee $4
           (i32.add
            (local.get $3)
            (local.get $17)
           )
          )
          (call $bswap64
           (i64.or
            (i64.shl
             (local.get $16)
             (i64.const 16)
            )
            (i64.shr_u
             (local.get $8)
             (i64.const 32)
            )
           )
          )
         )
         (i32.store offset=8 align=1
          (local.get $4)
          (call $bswap32
           (i32.wrap_i64
            (i64.shr_u
             (local.tee $5
              (i64.or
               (i64.shl
                (local.get $8)
                (i64.const 16)
               )
               (local.get $23)
              )
             )
             (i64.const 16)
            )
           )
          )
         )
         (i32.store16 offset=12 align=1
          (local.get $4)
          (i32.shr_u
           (call $bswap32
            (i32.wrap_i64
             (local.get $5)
            )
           )
           (i32.const 16)
          )
         )
        )
       )
       (i32.store offset=24
        (local.get $13)
        (local.get $3)
       )
       (i32.store offset=28
        (local.get $13)
        (i32.sub
         (local.get $30)
         (local.get $3)
        )
       )
      )
     )
     (local.set $11
      (i32.add
       (local.get $11)
       (i32.const 1)
      )
     )
     (br $next)
    )
   )
  )
  (local.get $11)
 )
)
